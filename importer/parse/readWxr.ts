/**
 * Streams a WordPress WXR export one `<item>` at a time with `sax`, so memory stays flat however large
 * the export: the file is read in chunks and each post is handed on as soon as its `</item>` closes.
 * Only the channel's authors (a small list) are kept for the whole run, to name post creators.
 */
import {createReadStream} from 'node:fs'

import sax from 'sax'

import {ImportError} from '../errors'
import {MAX_ARTICLE_BYTES, megabytes} from '../run/sourceLimits'

export interface WxrPost {
  postId: string
  title: string
  link?: string
  slug?: string
  creator?: string
  creatorName?: string
  dateGmt?: string
  status?: string
  postType?: string
  content: string
  excerpt?: string
  categories: {domain: string; nicename: string; name: string}[]
}

const FIELDS: Record<string, keyof WxrPost> = {
  title: 'title',
  link: 'link',
  'wp:post_name': 'slug',
  'dc:creator': 'creator',
  'wp:post_date_gmt': 'dateGmt',
  'wp:status': 'status',
  'wp:post_type': 'postType',
  'wp:post_id': 'postId',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
}

export async function* readWxr(file: string): AsyncGenerator<WxrPost> {
  const parser = sax.parser(true, {trim: false})
  const ready: WxrPost[] = []
  const authors = new Map<string, string>()
  let post: WxrPost | undefined
  let author: {login?: string; name?: string} | undefined
  let text = ''
  let category: {domain: string; nicename: string} | undefined
  let sawChannel = false

  parser.onopentag = (tag) => {
    text = ''
    if (tag.name === 'channel') sawChannel = true
    if (tag.name === 'item') post = {postId: '', title: '', content: '', categories: []}
    if (tag.name === 'wp:author') author = {}
    if (tag.name === 'category' && post) {
      category = {domain: String(tag.attributes.domain ?? ''), nicename: String(tag.attributes.nicename ?? '')}
    }
  }
  let failure: Error | undefined
  const append = (chunk: string) => {
    text += chunk
    // One post is one article: past the article limit it is not an article, and the text would grow unbounded.
    if (text.length > MAX_ARTICLE_BYTES && !failure) {
      failure = new ImportError(file, `post ${post?.postId || post?.title || '?'} has an element over ${megabytes(MAX_ARTICLE_BYTES)}, over the limit for one article; check the export`)
    }
  }
  parser.ontext = append
  parser.oncdata = append
  parser.onclosetag = (name) => {
    if (author && name === 'wp:author_login') author.login = text.trim()
    if (author && name === 'wp:author_display_name') author.name = text.trim()
    if (author && name === 'wp:author') {
      if (author.login) authors.set(author.login, author.name || author.login)
      author = undefined
    }
    if (post && name === 'category' && category) {
      post.categories.push({...category, name: text.trim()})
      category = undefined
    } else if (post && name in FIELDS) {
      ;(post as unknown as Record<string, string>)[FIELDS[name]] = name === 'content:encoded' ? text : text.trim()
    }
    if (post && name === 'item') {
      post.creatorName = post.creator ? authors.get(post.creator) ?? post.creator : undefined
      ready.push(post)
      post = undefined
    }
    text = ''
  }
  parser.onerror = (error) => {
    failure = error
  }

  for await (const chunk of createReadStream(file, {encoding: 'utf8', highWaterMark: 64 * 1024})) {
    parser.write(chunk as string)
    if (failure instanceof ImportError) throw failure
    if (failure) throw new ImportError(file, `not well-formed WXR/XML: ${failure.message.split('\n')[0]}`)
    while (ready.length > 0) yield ready.shift()!
  }
  parser.close()
  if (failure instanceof ImportError) throw failure
  if (failure) throw new ImportError(file, `not well-formed WXR/XML: ${(failure as Error).message.split('\n')[0]}`)
  while (ready.length > 0) yield ready.shift()!
  if (!sawChannel) throw new ImportError(file, 'not a WordPress export: no <channel> element found')
}
