/**
 * Reads one legacy source and yields its articles: one for text, Markdown and HTML files, one per post
 * for WordPress exports (streamed). Posts that are not published articles (pages, attachments, drafts,
 * menu items) are not imported; they are listed as dropped with the reason.
 */
import {readFile} from 'node:fs/promises'

import {decodeSource} from '../parse/decodeSource'
import {parseHtml} from '../parse/parseHtml'
import {parseMarkdown} from '../parse/parseMarkdown'
import {parsePlainText} from '../parse/parsePlainText'
import {parseWxrPost} from '../parse/parseWxrPost'
import {readWxr} from '../parse/readWxr'
import type {DroppedContent, ParsedArticle} from '../types'
import type {LegacySource} from './collectInputs'

export async function* parseSource(
  source: LegacySource,
  options: {force?: boolean; onDropped: (dropped: DroppedContent) => void},
): AsyncGenerator<ParsedArticle> {
  const {file, format} = source
  if (format === 'wxr') {
    for await (const post of readWxr(file)) {
      if ((post.postType ?? 'post') !== 'post' || (post.status ?? 'publish') !== 'publish') {
        options.onDropped({
          file,
          what: `post ${post.postId} "${post.title}"`,
          reason: `WordPress ${post.postType ?? 'post'} with status ${post.status ?? '?'}: only published posts are articles`,
        })
        continue
      }
      yield parseWxrPost(post, file, options)
    }
    return
  }
  const text = decodeSource(new Uint8Array(await readFile(file)), file)
  if (format === 'markdown') yield parseMarkdown(text, file, options)
  else if (format === 'html') yield parseHtml(text, file, options)
  else yield parsePlainText(text, file)
}
