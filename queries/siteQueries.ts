/**
 * Site-wide queries: the sitemap (every routable document's slug and last change). Search lives in
 * `searchQueries.ts`.
 */
import {defineQuery} from 'groq'

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
