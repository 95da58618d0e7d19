/**
 * One WordPress post as a parsed article: its HTML through the shared HTML path, its WordPress fields
 * (post id, slug, GMT date, creator, categories and tags) as source facts. The post id is the legacy id.
 */
import {slugifyTitle} from '../../schemas/slug/slugifyTitle'
import type {ParsedArticle} from '../types'
import {parseHtml} from './parseHtml'
import type {WxrPost} from './readWxr'
import {wordpressAutop} from './wordpressAutop'

export function parseWxrPost(post: WxrPost, file: string, options: {force?: boolean} = {}): ParsedArticle {
  const where = `${file} (post ${post.postId || post.title || '?'})`
  const section = post.categories.find((category) => category.domain === 'category')
  const tags = post.categories.filter((category) => category.domain === 'post_tag').map((tag) => tag.name)
  const publishedAt = post.dateGmt && !post.dateGmt.startsWith('0000')
    ? `${post.dateGmt.replace(' ', 'T')}Z`
    : undefined
  const parsed = parseHtml(`<body>${wordpressAutop(post.content)}</body>`, where, {
    force: options.force,
    title: post.title,
    format: 'wxr',
    keyScope: `${file.split('/').pop()}#${post.postId}`,
    meta: {
      legacyId: post.postId ? `wordpress:${post.postId}` : undefined,
      slug: post.slug || undefined,
      sourceUrl: post.link?.startsWith('http') ? post.link : undefined,
      publishedAt,
      authors: post.creator
        ? [{key: slugifyTitle(post.creator), name: post.creatorName ?? post.creator}]
        : undefined,
      section: section ? {key: section.nicename || slugifyTitle(section.name), title: section.name} : undefined,
      tags: tags.length ? tags : undefined,
      dek: post.excerpt?.trim() || undefined,
    },
  })
  return parsed
}
