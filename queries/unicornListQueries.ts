/**
 * Unicorn lists (the unicornStats plugin's `unicornList` documents): the latest lists, one list's
 * page, and where one company appears across lists.
 */
import {defineQuery} from 'groq'

import {ARTICLE_CARD_FIELDS, COMPANY_LINK_FIELDS, UNICORN_LIST_LINK_FIELDS} from './fragments'
import type {ParamsOf} from './paramSpec'

/**
 * Newest period first. Lists are ordered by the period they cover rather than `publishedAt`, which
 * imported lists often lack (a missing date would sort an old list to the top). A half-year sorts
 * with the quarter it ends in.
 */
export const UNICORN_LIST_PERIOD_ORDER = `order(period.year desc, coalesce(period.quarter * 3, period.half * 6) desc, publishedAt desc, _id desc)`

export const LATEST_UNICORN_LISTS_QUERY = defineQuery(`*[_type == "unicornList"]
  | ${UNICORN_LIST_PERIOD_ORDER} [0...20]{
  ${UNICORN_LIST_LINK_FIELDS}, scope, totalCount,
  "tracker": tracker->{${COMPANY_LINK_FIELDS}},
  "entryCount": count(entries)
}`)

export const latestUnicornListsParams = {} as const
export type LatestUnicornListsParams = ParamsOf<typeof latestUnicornListsParams>

/**
 * One list with its entries by rank. Entries are capped at 1,000: the largest trackers publish a
 * few hundred names per period, and an unbounded array would let one bad import sink the page.
 */
export const UNICORN_LIST_BY_SLUG_QUERY = defineQuery(`*[_type == "unicornList" && slug.current == $slug][0]{
  _type, _updatedAt, ${UNICORN_LIST_LINK_FIELDS}, scope, methodology, sourceWording, totalCount,
  sectorBreakdown[]{_key, sector, otherSector, count},
  "tracker": tracker->{${COMPANY_LINK_FIELDS}, website},
  "entries": entries[] | order(rank asc) [0...1000]{_key, rank, sector, valuation, "company": company->{${COMPANY_LINK_FIELDS}}},
  "articles": *[_type == "article" && references(^._id) && defined(publishedAt)]
    | order(publishedAt desc, _id desc) [0...10]{${ARTICLE_CARD_FIELDS}}
}`)

export const unicornListBySlugParams = {
  slug: {kind: 'string', required: true, maxLength: 200, description: 'the unicorn list slug', example: 'it-juzi-2022-q3-new-tech-unicorns'},
} as const
export type UnicornListBySlugParams = ParamsOf<typeof unicornListBySlugParams>

/**
 * Lists in which the company is an entry (being a list's tracker is not an appearance), newest
 * first, each with the company's own entry.
 */
export const COMPANY_UNICORN_APPEARANCES_QUERY = defineQuery(`*[_type == "unicornList" && references($companyId)
  && $companyId in entries[].company._ref]
  | ${UNICORN_LIST_PERIOD_ORDER} [0...100]{
  ${UNICORN_LIST_LINK_FIELDS}, totalCount,
  "tracker": tracker->{${COMPANY_LINK_FIELDS}},
  "entry": entries[company._ref == $companyId][0]{_key, rank, sector, valuation}
}`)

export const companyUnicornAppearancesParams = {
  companyId: {kind: 'documentId', required: true, description: 'the company’s document id', example: 'company.it-juzi'},
} as const
export type CompanyUnicornAppearancesParams = ParamsOf<typeof companyUnicornAppearancesParams>
