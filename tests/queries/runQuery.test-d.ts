/**
 * Type-level tests: results come from TypeGen (never `any` or `unknown`), parameters are checked
 * per query, and the runner accepts both an `@sanity/client` SanityClient and a LocalLake.
 */
import type {SanityClient} from '@sanity/client'
import {describe, expectTypeOf, test} from 'vitest'

import type {LocalLake} from '../../lake'
import {
  ARTICLE_BY_SLUG_QUERY,
  ARTICLE_LIST_QUERY,
  COMPANY_BY_SLUG_QUERY,
  COMPANY_UNICORN_APPEARANCES_QUERY,
  LATEST_UNICORN_LISTS_QUERY,
  REGULATION_BY_SLUG_QUERY,
  REGULATION_TIMELINE_QUERY,
  SEARCH_QUERY,
  SITEMAP_QUERY,
  SOURCE_BY_SLUG_QUERY,
  UNICORN_LIST_BY_SLUG_QUERY,
  articleJsonLd,
  runQuery,
  type ArticleBySlugParams,
  type ArticleListParams,
  type ARTICLE_BY_SLUG_QUERY_RESULT,
  type ARTICLE_LIST_QUERY_RESULT,
  type COMPANY_BY_SLUG_QUERY_RESULT,
  type COMPANY_UNICORN_APPEARANCES_QUERY_RESULT,
  type CompanyUnicornAppearancesParams,
  type LATEST_UNICORN_LISTS_QUERY_RESULT,
  type QueryParams,
  type QuerySource,
  type REGULATION_BY_SLUG_QUERY_RESULT,
  type REGULATION_TIMELINE_QUERY_RESULT,
  type ResultOf,
  type SEARCH_QUERY_RESULT,
  type SITEMAP_QUERY_RESULT,
  type SOURCE_BY_SLUG_QUERY_RESULT,
  type UNICORN_LIST_BY_SLUG_QUERY_RESULT,
} from '../../queries'

declare const lake: LocalLake
declare const client: SanityClient

describe('sources', () => {
  test('a LocalLake and a SanityClient are both query sources', () => {
    expectTypeOf(lake).toExtend<QuerySource>()
    expectTypeOf(client).toExtend<QuerySource>()
  })
})

describe('results are the TypeGen types', () => {
  test('each query resolves to its generated result type, which is not any or unknown', () => {
    expectTypeOf(runQuery(lake, ARTICLE_BY_SLUG_QUERY, {slug: 'x'})).resolves.toEqualTypeOf<ARTICLE_BY_SLUG_QUERY_RESULT>()
    expectTypeOf(runQuery(client, ARTICLE_LIST_QUERY, {limit: 5})).resolves.toEqualTypeOf<ARTICLE_LIST_QUERY_RESULT>()
    expectTypeOf(runQuery(lake, COMPANY_BY_SLUG_QUERY, {slug: 'x'})).resolves.toEqualTypeOf<COMPANY_BY_SLUG_QUERY_RESULT>()
    expectTypeOf(runQuery(lake, REGULATION_BY_SLUG_QUERY, {slug: 'x'})).resolves.toEqualTypeOf<REGULATION_BY_SLUG_QUERY_RESULT>()
    expectTypeOf(runQuery(lake, REGULATION_TIMELINE_QUERY)).resolves.toEqualTypeOf<REGULATION_TIMELINE_QUERY_RESULT>()
    expectTypeOf(runQuery(lake, SOURCE_BY_SLUG_QUERY, {slug: 'x'})).resolves.toEqualTypeOf<SOURCE_BY_SLUG_QUERY_RESULT>()
    expectTypeOf(runQuery(lake, LATEST_UNICORN_LISTS_QUERY)).resolves.toEqualTypeOf<LATEST_UNICORN_LISTS_QUERY_RESULT>()
    expectTypeOf(runQuery(lake, UNICORN_LIST_BY_SLUG_QUERY, {slug: 'x'})).resolves.toEqualTypeOf<UNICORN_LIST_BY_SLUG_QUERY_RESULT>()
    expectTypeOf(runQuery(lake, COMPANY_UNICORN_APPEARANCES_QUERY, {companyId: 'company.x'})).resolves.toEqualTypeOf<COMPANY_UNICORN_APPEARANCES_QUERY_RESULT>()
    expectTypeOf(runQuery(lake, SITEMAP_QUERY, {})).resolves.toEqualTypeOf<SITEMAP_QUERY_RESULT>()
    expectTypeOf(runQuery(lake, SEARCH_QUERY, {terms: 'cloud'})).resolves.toEqualTypeOf<SEARCH_QUERY_RESULT>()

    expectTypeOf<ResultOf<typeof ARTICLE_BY_SLUG_QUERY>>().not.toBeAny()
    expectTypeOf<ResultOf<typeof ARTICLE_BY_SLUG_QUERY>>().not.toBeUnknown()
    expectTypeOf<ResultOf<typeof ARTICLE_BY_SLUG_QUERY>>().not.toBeNever()
    expectTypeOf<ResultOf<typeof SOURCE_BY_SLUG_QUERY>>().not.toBeNever()
  })

  test('the fields a page uses are precisely typed', () => {
    type Article = NonNullable<ARTICLE_BY_SLUG_QUERY_RESULT>
    expectTypeOf<Article['title']>().toEqualTypeOf<string | null>()
    expectTypeOf<Article['mentions']['companies'][number]['name']>().toEqualTypeOf<string | null>()
    type BodyMember = NonNullable<Article['body']>[number]
    expectTypeOf<BodyMember['_type']>().toEqualTypeOf<'block' | 'imageWithAlt' | 'quotation' | 'unicornListEmbed'>()
    type Quotation = Extract<BodyMember, {_type: 'quotation'}>
    expectTypeOf<NonNullable<Quotation['speaker']>['name']>().toEqualTypeOf<string | null>()
    type Embed = Extract<BodyMember, {_type: 'unicornListEmbed'}>
    expectTypeOf<NonNullable<Embed['list']>['entryCount']>().toEqualTypeOf<number | null>()
    type Event = NonNullable<REGULATION_BY_SLUG_QUERY_RESULT>['timeline'][number]
    expectTypeOf<Event['kind']>().toEqualTypeOf<'adopted' | 'promulgated' | 'effective' | 'amendmentAdopted' | 'amendmentEffective'>()
    expectTypeOf<SITEMAP_QUERY_RESULT[number]['_type']>().toEqualTypeOf<
      'article' | 'company' | 'regulation' | 'interviewSource' | 'unicornList' | 'author' | 'section'
    >()
  })

  test('the JSON-LD helper takes the article page result as it comes', () => {
    expectTypeOf<NonNullable<ARTICLE_BY_SLUG_QUERY_RESULT>>().toExtend<Parameters<typeof articleJsonLd>[0]>()
  })
})

describe('parameters are checked per query', () => {
  test('parameter types are exact', () => {
    expectTypeOf<ArticleBySlugParams>().toEqualTypeOf<{slug: string}>()
    expectTypeOf<CompanyUnicornAppearancesParams>().toEqualTypeOf<{companyId: string}>()
    expectTypeOf<ArticleListParams['limit']>().toEqualTypeOf<number | null | undefined>()
    expectTypeOf<ArticleListParams['lastPublishedAt']>().toEqualTypeOf<string | null | undefined>()
    expectTypeOf<QueryParams<typeof ARTICLE_BY_SLUG_QUERY>>().toEqualTypeOf<ArticleBySlugParams>()
  })

  test('missing, mistyped and unknown parameters do not compile', () => {
    // @ts-expect-error $slug is required
    void runQuery(lake, ARTICLE_BY_SLUG_QUERY, {})
    // @ts-expect-error the params object is required when a parameter is
    void runQuery(lake, ARTICLE_BY_SLUG_QUERY)
    // @ts-expect-error $slug is a string
    void runQuery(lake, ARTICLE_BY_SLUG_QUERY, {slug: 42})
    // @ts-expect-error there is no $id
    void runQuery(lake, ARTICLE_BY_SLUG_QUERY, {slug: 'x', id: 'y'})
    // @ts-expect-error $limit is a number
    void runQuery(client, ARTICLE_LIST_QUERY, {limit: '20'})
    // @ts-expect-error half a cursor: $lastId must come with $lastPublishedAt
    void runQuery(lake, ARTICLE_LIST_QUERY, {lastPublishedAt: '2022-10-12T08:00:00Z'})
    // @ts-expect-error $companyId is required
    void runQuery(lake, COMPANY_UNICORN_APPEARANCES_QUERY, {slug: 'it-juzi'})
    // @ts-expect-error a query string that is not registered
    void runQuery(lake, '*[_type == "article"]')
    // @ts-expect-error an unknown perspective
    void runQuery(lake, SITEMAP_QUERY, {}, {perspective: 'previewDrafts'})
  })

  test('optional parameters may be left out or null', () => {
    expectTypeOf(runQuery(lake, ARTICLE_LIST_QUERY)).resolves.toEqualTypeOf<ARTICLE_LIST_QUERY_RESULT>()
    expectTypeOf(runQuery(lake, ARTICLE_LIST_QUERY, {section: null, lastPublishedAt: '2022-10-12T08:00:00Z', lastId: 'a'})).resolves.toBeArray()
    expectTypeOf(runQuery(lake, REGULATION_TIMELINE_QUERY, {}, {perspective: 'drafts'})).resolves.toBeArray()
  })
})
