/**
 * The local store's index is an optimisation, never a change of meaning: every registered query,
 * with parameters covering every document in the fixture, gives the same result from the LocalLake
 * as from plain groq-js over the same documents, in every perspective.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {queryRegistry, runQueryByName, type QueryName, type QueryPerspective, type QuerySource} from '../../queries'
import {openQueryFixtureLake, type QueryFixture} from '../fixtures/queryFixtureLake'
import {TIED_PUBLISHED_AT} from '../fixtures/syntheticArticles'
import {plainGroqFetch} from './plainGroq'

let fixture: QueryFixture
let plain: QuerySource
beforeAll(async () => {
  fixture = await openQueryFixtureLake()
  const documents = fixture.documents()
  plain = {fetch: (query, params, options) => plainGroqFetch(documents, query, params, options.perspective)}
})
afterAll(() => fixture?.close())

/** Parameter sets per query, built from the fixture so every document is asked for at least once. */
function cases(): Array<[QueryName, Record<string, unknown>]> {
  const documents = fixture.documents()
  const slugsOf = (type: string) => [
    ...new Set(documents.filter((doc) => doc._type === type).map((doc) => (doc.slug as {current?: string} | undefined)?.current ?? '')),
    'no-such-slug',
  ]
  const ids = (type: string) => documents.filter((doc) => doc._type === type && !doc._id.includes('drafts.')).map((doc) => doc._id)
  return [
    ...slugsOf('article').map((slug) => ['articleBySlug', {slug}] as [QueryName, Record<string, unknown>]),
    ...slugsOf('company').map((slug) => ['companyBySlug', {slug}] as [QueryName, Record<string, unknown>]),
    ...slugsOf('regulation').map((slug) => ['regulationBySlug', {slug}] as [QueryName, Record<string, unknown>]),
    ...slugsOf('interviewSource').map((slug) => ['sourceBySlug', {slug}] as [QueryName, Record<string, unknown>]),
    ...slugsOf('unicornList').map((slug) => ['unicornListBySlug', {slug}] as [QueryName, Record<string, unknown>]),
    ...ids('company').map((companyId) => ['companyUnicornAppearances', {companyId}] as [QueryName, Record<string, unknown>]),
    ['articleList', {}],
    ['articleList', {limit: 3}],
    ['articleList', {limit: 2, lastPublishedAt: TIED_PUBLISHED_AT, lastId: 'article.pipl-one-year-on'}],
    ['articleList', {section: 'section.policy'}],
    ['articleList', {tag: 'Microsoft', company: 'company.microsoft'}],
    ['articleList', {regulation: 'regulation.personal-information-protection-law'}],
    ['regulationTimeline', {}],
    ['latestUnicornLists', {}],
    ['sitemap', {}],
    ['sitemap', {limit: 5}],
    ['sitemap', {limit: 3, from: 'company.microsoft'}],
    ['sitemapIndex', {}],
    ['sitemapIndex', {pageSize: 4}],
    ['sitemapIndex', {pageSize: 2, from: 'company.microsoft'}],
    ['search', {terms: 'cloud'}],
    ['search', {terms: 'unicorn*'}],
    ['search', {terms: 'scoop'}],
  ]
}

describe('LocalLake answers like plain groq-js', () => {
  test('every registered query is covered', () => {
    expect(new Set(cases().map(([name]) => name))).toEqual(new Set(Object.keys(queryRegistry)))
  })

  test.each(['published', 'drafts', 'raw'] as QueryPerspective[])('%s perspective: every query, every parameter set', async (perspective) => {
    let compared = 0
    for (const [name, params] of cases()) {
      // `raw` holds a draft beside its published document; a by-slug `[0]` would then pick either,
      // as on the Content Lake, so raw is compared on the list queries only.
      if (perspective === 'raw' && name.endsWith('BySlug')) continue
      const local = await runQueryByName(fixture.lake, name, params, {perspective})
      const reference = await runQueryByName(plain, name, params, {perspective})
      expect(local, `${name} ${JSON.stringify(params)} (${perspective})`).toEqual(reference)
      compared++
    }
    expect(compared).toBeGreaterThan(perspective === 'raw' ? 20 : 50)
  })
})
