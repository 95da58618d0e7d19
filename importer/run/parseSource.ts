/**
 * Reads one legacy source and yields its articles: one for text, Markdown and HTML files, one per post
 * for WordPress exports (streamed). Posts that are not published articles (pages, attachments, drafts,
 * menu items) are not imported; they are listed as dropped with the reason.
 */
import {readFile} from 'node:fs/promises'

import {decodeSource} from '../parse/decodeSource'
import type {DroppedContent, ParsedArticle} from '../types'
import type {LegacySource} from './collectInputs'

export async function* parseSource(
  source: LegacySource,
  options: {force?: boolean; onDropped: (dropped: DroppedContent) => void},
): AsyncGenerator<ParsedArticle> {
  const {file, format} = source
  // Parsers are loaded for the formats a run meets: the HTML path brings jsdom and block-tools
  // (~100 MB), which a plain-text import (or one that fails on an empty file) never needs.
  if (format === 'wxr') {
    const [{readWxr}, {parseWxrPost}] = await Promise.all([import('../parse/readWxr'), import('../parse/parseWxrPost')])
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
  if (format === 'markdown') yield (await import('../parse/parseMarkdown')).parseMarkdown(text, file, options)
  else if (format === 'html') yield (await import('../parse/parseHtml')).parseHtml(text, file, options)
  else yield (await import('../parse/parsePlainText')).parsePlainText(text, file)
}
