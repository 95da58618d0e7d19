/**
 * Every query front ends may run, by the name the contract gives it: the query string, its
 * parameter spec and a one-line description. The typed runner checks parameters against this
 * table, and `npm run query` takes its names and `--help` from it.
 */
import {
  ARTICLE_BY_SLUG_QUERY,
  ARTICLE_LIST_QUERY,
  articleBySlugParams,
  articleListParams,
  type ArticleListParams,
} from './articleQueries'
import {COMPANY_BY_SLUG_QUERY, companyBySlugParams} from './companyQueries'
import type {ParamSpecs, ParamsOf} from './paramSpec'
import {
  REGULATION_BY_SLUG_QUERY,
  REGULATION_TIMELINE_QUERY,
  regulationBySlugParams,
  regulationTimelineParams,
} from './regulationQueries'
import {SEARCH_QUERY, searchParams} from './searchQueries'
import {SITEMAP_INDEX_QUERY, SITEMAP_QUERY, sitemapIndexParams, sitemapParams} from './siteQueries'
import {SOURCE_BY_SLUG_QUERY, sourceBySlugParams} from './sourceQueries'
import {
  COMPANY_UNICORN_APPEARANCES_QUERY,
  LATEST_UNICORN_LISTS_QUERY,
  UNICORN_LIST_BY_SLUG_QUERY,
  companyUnicornAppearancesParams,
  latestUnicornListsParams,
  unicornListBySlugParams,
} from './unicornListQueries'

export interface RegisteredQuery {
  readonly query: string
  readonly params: ParamSpecs
  readonly description: string
}

export const queryRegistry = {
  articleBySlug: {query: ARTICLE_BY_SLUG_QUERY, params: articleBySlugParams, description: 'An article page: body with links resolved, authors, section, related and mentioned entities, SEO.'},
  articleList: {query: ARTICLE_LIST_QUERY, params: articleListParams, description: 'Articles newest first, a page at a time (cursor: the previous page’s last publishedAt and _id).'},
  companyBySlug: {query: COMPANY_BY_SLUG_QUERY, params: companyBySlugParams, description: 'A company page: profile, parent, subsidiaries, unicorn profile, latest articles.'},
  regulationBySlug: {query: REGULATION_BY_SLUG_QUERY, params: regulationBySlugParams, description: 'A regulation page: dates and amendments as a timeline, related regulations, articles.'},
  regulationTimeline: {query: REGULATION_TIMELINE_QUERY, params: regulationTimelineParams, description: 'Every regulation with its dated events, oldest first.'},
  sourceBySlug: {query: SOURCE_BY_SLUG_QUERY, params: sourceBySlugParams, description: 'A source page: the person, their interviews and every quotation of theirs with its article.'},
  latestUnicornLists: {query: LATEST_UNICORN_LISTS_QUERY, params: latestUnicornListsParams, description: 'The newest unicorn lists.'},
  unicornListBySlug: {query: UNICORN_LIST_BY_SLUG_QUERY, params: unicornListBySlugParams, description: 'A unicorn list with its entries by rank and the articles that cite it.'},
  companyUnicornAppearances: {query: COMPANY_UNICORN_APPEARANCES_QUERY, params: companyUnicornAppearancesParams, description: 'The unicorn lists a company appears in, with its entry in each.'},
  sitemap: {query: SITEMAP_QUERY, params: sitemapParams, description: 'One sitemap file: slug and last change of routable documents from a cursor on, at most 50,000.'},
  sitemapIndex: {query: SITEMAP_INDEX_QUERY, params: sitemapIndexParams, description: 'The sitemap index, a file at a time: where the sitemap file after one starts (sitemapIndexEntries follows it).'},
  search: {query: SEARCH_QUERY, params: searchParams, description: 'Articles and companies matching every search term (Chinese, English, pinyin, aliases), title hits first, then newest.'},
} as const satisfies Record<string, RegisteredQuery>

export type QueryRegistry = typeof queryRegistry
export type QueryName = keyof QueryRegistry

/** The query strings of every registered query: what `runQuery` accepts. */
export type RegisteredQueryString = QueryRegistry[QueryName]['query']

/** Parameter types that say more than a spec can: the article list's all-or-nothing cursor. */
interface ParamTypeOverrides {
  articleList: ArticleListParams
}

/** Parameter types keyed by query string; a query without parameters takes an empty object. */
export type QueryParamsByQuery = {
  [N in QueryName as QueryRegistry[N]['query']]: N extends keyof ParamTypeOverrides
    ? ParamTypeOverrides[N]
    : keyof QueryRegistry[N]['params'] extends never
      ? Record<string, never>
      : ParamsOf<QueryRegistry[N]['params']>
}

/** The parameters `runQuery` takes for query string `Q`. */
export type QueryParams<Q extends RegisteredQueryString> = QueryParamsByQuery[Q]

const nameByQuery = new Map<string, QueryName>(
  (Object.keys(queryRegistry) as QueryName[]).map((name) => [queryRegistry[name].query, name]),
)

/** The registered name of a query string, or `undefined` for a query that is not registered. */
export function queryNameOf(query: string): QueryName | undefined {
  return nameByQuery.get(query)
}

export function isQueryName(name: string): name is QueryName {
  return Object.prototype.hasOwnProperty.call(queryRegistry, name)
}
