/**
 * Site-wide queries: the sitemap (every routable document's slug and last change) and a simple
 * title/dek search over articles.
 */
import {defineQuery} from 'groq'

import {ARTICLE_CARD_FIELDS} from './fragments'
import type {ParamsOf} from './paramSpec'

/**
 * One row per document type with a page of its own. Articles marked `seo.noIndex` are left out, as search engines
 * must not be invited to them. 50,000 rows is the sitemap protocol's per-file maximum.
 */
export const SITEMAP_QUERY = defineQuery(`*[_type in ["article", "company", "regulation", "interviewSource", "unicornList", "author", "section"]
  && defined(slug.current) && !(seo.noIndex == true)]
  | order(_type asc, slug.current asc) [0...50000]{
  _id, _type, "slug": slug.current, "updatedAt": coalesce(updatedAt, _updatedAt)
}`)

export const sitemapParams = {} as const
export type SitemapParams = ParamsOf<typeof sitemapParams>

/**
 * Articles whose title or dek matches `$term` (GROQ `match`: whole words, `*` as a wildcard), best
 * match first, then newest. Twenty rows: a search box, not an export.
 */
export const SEARCH_QUERY = defineQuery(`*[_type == "article" && defined(publishedAt) && [title, dek] match $term]
  | score(boost(title match $term, 3), dek match $term)
  | order(_score desc, publishedAt desc, _id desc) [0...20]{${ARTICLE_CARD_FIELDS}}`)

export const searchParams = {
  term: {kind: 'string', required: true, maxLength: 100, description: 'words to look for in titles and deks', example: 'cloud'},
} as const
export type SearchParams = ParamsOf<typeof searchParams>
