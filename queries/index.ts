/**
 * `china-desk/queries`: what a front end imports. Query constants, their parameter and result
 * types, the typed runner and the page helpers. Nothing here may import `sanity`, React or the
 * local lake at run time: a front-end bundle must not pull the Studio or Node-only storage in
 * (tests/queries/importGraph.test.ts enforces it).
 */
export * from './articleQueries'
export * from './companyQueries'
export * from './regulationQueries'
export * from './sourceQueries'
export * from './unicornListQueries'
export * from './siteQueries'
export * from './searchQueries'
export {searchTerms} from './searchTerms'
export * from './fragments'
export {queryRegistry, queryNameOf, isQueryName} from './registry'
export type {QueryName, QueryParams, QueryParamsByQuery, QueryRegistry, RegisteredQuery, RegisteredQueryString} from './registry'
export {runQuery, runQueryByName} from './runQuery'
export type {QueryPerspective, QuerySource, ResultOf, ResultOfName, RunQueryOptions} from './runQuery'
export {QueryParameterError, validateParams} from './validateParams'
export {describeExpected} from './paramSpec'
export type {ParamKind, ParamSpec, ParamSpecs, ParamsOf} from './paramSpec'
export {articleJsonLd, serializeJsonLd, DEFAULT_ROUTE_PATHS} from './jsonLd'
export type {ArticleJsonLdOptions, JsonLdArticle, JsonLdNode, NewsArticleJsonLd, RoutePaths} from './jsonLd'
export {metaDescription, portableTextToPlainText, truncateAtWordBoundary} from './portableTextToPlainText'
export type {PlainTextOptions} from './portableTextToPlainText'
export type * from './sanity.types'
