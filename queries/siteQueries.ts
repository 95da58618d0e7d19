/**
 * Site-wide queries: the sitemap, following the sitemap protocol (https://www.sitemaps.org/protocol.html): at
 * most 50,000 URLs per sitemap file and a sitemap index listing the files. Files are pages of routable documents
 * in `_id` order, cursor-paged like the article list: a file starts at an `_id` (its cursor, `$from`), so
 * documents published meanwhile never shift other files. Search lives in `searchQueries.ts`.
 */
import {defineQuery} from 'groq'

import type {ParamsOf} from './paramSpec'

/** The sitemap protocol's maximum number of URLs in one sitemap file. */
export const SITEMAP_MAX_URLS = 50_000
/** URLs per sitemap file unless asked otherwise: a page the local lake answers well within 100 ms at 100k articles. */
export const SITEMAP_DEFAULT_PAGE_SIZE = 10_000

/**
 * One sitemap file: routable published documents (a page of their own and a slug; articles marked `seo.noIndex`
 * left out, as search engines must not be invited to them) from `$from` on in `_id` order, `$limit` of them.
 */
export const SITEMAP_QUERY = defineQuery(`*[_type in ["article", "company", "regulation", "interviewSource", "unicornList", "author", "section"]
  && defined(slug.current) && !(seo.noIndex == true)
  && (!defined($from) || _id >= $from)]
  | order(_id asc) [0...$limit]{
  _id, _type, "slug": slug.current, "updatedAt": coalesce(updatedAt, _updatedAt)
}`)

export const sitemapParams = {
  limit: {kind: 'integer', required: false, default: SITEMAP_DEFAULT_PAGE_SIZE, min: 1, max: SITEMAP_MAX_URLS, description: 'URLs in this sitemap file'},
  from: {kind: 'documentId', required: false, description: 'cursor: the first _id of this sitemap file, from the sitemap index (none for the first file)', example: 'article.cloud-price-war'},
} as const
export type SitemapParams = ParamsOf<typeof sitemapParams>

/**
 * The sitemap index, one file at a time: the first `_id` of the sitemap file after the one starting at `$from`
 * when files hold `$pageSize` URLs (`null` when that file is the last). Reading only `_id`s, it costs a fraction
 * of the file itself; `sitemapIndexEntries` follows it from the first file to the last. (`[$n..$n]` rather than
 * `[$n]`: without the parameter's value a parser reads `[$n]` as a filter, and TypeGen would type an array.)
 */
export const SITEMAP_INDEX_QUERY = defineQuery(`{
  "nextFrom": (*[_type in ["article", "company", "regulation", "interviewSource", "unicornList", "author", "section"]
    && defined(slug.current) && !(seo.noIndex == true)
    && (!defined($from) || _id >= $from)]
    | order(_id asc) [$pageSize..$pageSize]{_id})[0]._id
}`)

export const sitemapIndexParams = {
  pageSize: {kind: 'integer', required: false, default: SITEMAP_DEFAULT_PAGE_SIZE, min: 1, max: SITEMAP_MAX_URLS, description: 'URLs per sitemap file'},
  from: {kind: 'documentId', required: false, description: 'cursor: the first _id of a sitemap file (none for the first file)', example: 'article.cloud-price-war'},
} as const
export type SitemapIndexParams = ParamsOf<typeof sitemapIndexParams>

/** One entry of the sitemap index: the cursor (`$from`) that fetches the file, `null` for the first. */
export interface SitemapIndexEntry {
  from: string | null
}

/**
 * Every sitemap file's cursor, in order: what a sitemap index lists (one `<sitemap>` per entry, its URL carrying
 * the cursor). `fetchNext` runs `SITEMAP_INDEX_QUERY` with the given parameters (through `runQuery`).
 */
export async function sitemapIndexEntries(
  fetchNext: (params: {from: string | null; pageSize: number}) => Promise<{nextFrom: string | null}>,
  pageSize: number = SITEMAP_DEFAULT_PAGE_SIZE,
): Promise<SitemapIndexEntry[]> {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > SITEMAP_MAX_URLS) {
    throw new Error(`sitemapIndexEntries: pageSize must be an integer from 1 to ${SITEMAP_MAX_URLS}, not ${pageSize}`)
  }
  const entries: SitemapIndexEntry[] = [{from: null}]
  for (let from: string | null = null; ; ) {
    const {nextFrom} = await fetchNext({from, pageSize})
    if (nextFrom === null) return entries
    entries.push({from: nextFrom})
    from = nextFrom
  }
}
