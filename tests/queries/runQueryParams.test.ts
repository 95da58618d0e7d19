/**
 * Run-time parameter checks: a missing, mistyped or unknown parameter fails with an error naming
 * the query and the parameter, and nothing is sent. Valid calls send every declared parameter
 * (optional ones as their default or null) and the perspective.
 */
import {describe, expect, test} from 'vitest'

import {
  ARTICLE_BY_SLUG_QUERY,
  ARTICLE_LIST_QUERY,
  QueryParameterError,
  SITEMAP_QUERY,
  runQuery,
  runQueryByName,
  type QuerySource,
} from '../../queries'

function recordingSource() {
  const calls: Array<{query: string; params: Record<string, unknown>; options: unknown}> = []
  const source: QuerySource = {
    fetch: async (query, params, options) => {
      calls.push({query, params, options})
      return null
    },
  }
  return {source, calls}
}

/** Calls the runner with parameters the types would refuse, as a URL or CLI caller could. */
async function rejection(name: string, params: unknown): Promise<{error: unknown; sent: number}> {
  const {source, calls} = recordingSource()
  const error = await runQueryByName(source, name, params as Record<string, unknown>).then(() => undefined, (caught: unknown) => caught)
  return {error, sent: calls.length}
}

describe('runtime parameter errors, before any request', () => {
  test.each([
    ['articleBySlug', {}, 'slug', 'articleBySlug: parameter $slug is missing (expected a non-empty string of at most 200 characters)'],
    ['articleBySlug', {slug: null}, 'slug', 'articleBySlug: parameter $slug is missing (expected a non-empty string of at most 200 characters)'],
    ['articleBySlug', {slug: 42}, 'slug', 'articleBySlug: parameter $slug must be a non-empty string of at most 200 characters, got 42'],
    ['articleBySlug', {slug: '  '}, 'slug', 'articleBySlug: parameter $slug must be a non-empty string of at most 200 characters, got "  "'],
    ['articleBySlug', {slug: 'x', id: 'y'}, 'id', 'articleBySlug: unknown parameter $id (it takes $slug)'],
    ['regulationTimeline', {slug: 'x'}, 'slug', 'regulationTimeline: unknown parameter $slug (it takes no parameters)'],
    ['sitemap', {limit: 50_001}, 'limit', 'sitemap: parameter $limit must be an integer between 1 and 50000, got 50001'],
    ['articleList', {limit: '20'}, 'limit', 'articleList: parameter $limit must be an integer between 1 and 100, got "20"'],
    ['articleList', {limit: 101}, 'limit', 'articleList: parameter $limit must be an integer between 1 and 100, got 101'],
    ['articleList', {limit: 2.5}, 'limit', 'articleList: parameter $limit must be an integer between 1 and 100, got 2.5'],
    ['articleList', {lastPublishedAt: 'yesterday', lastId: 'a'}, 'lastPublishedAt', 'articleList: parameter $lastPublishedAt must be an ISO 8601 date-time string such as "2022-10-12T08:00:00Z", got "yesterday"'],
    ['articleList', {lastPublishedAt: '2022-10-12T08:00:00Z'}, 'lastId', 'articleList: parameter $lastId is missing: it must be given together with $lastPublishedAt'],
    ['articleList', {section: 'section policy'}, 'section', 'articleList: parameter $section must be a document id string such as "company.microsoft", got "section policy"'],
    ['companyUnicornAppearances', {}, 'companyId', 'companyUnicornAppearances: parameter $companyId is missing (expected a document id string such as "company.microsoft")'],
    ['search', {terms: 'x'.repeat(401)}, 'terms', `search: parameter $terms must be a non-empty string of at most 400 characters, got "${'x'.repeat(57)}..."`],
  ])('%s %j', async (name, params, param, message) => {
    const {error, sent} = await rejection(name, params)
    expect(error).toBeInstanceOf(QueryParameterError)
    expect((error as QueryParameterError).message).toBe(message)
    expect((error as QueryParameterError).queryName).toBe(name)
    expect((error as QueryParameterError).param).toBe(param)
    expect(sent).toBe(0)
  })

  test('the typed runner checks too (for callers that cast), and refuses unregistered queries', async () => {
    const {source, calls} = recordingSource()
    const untyped = runQuery as (source: QuerySource, query: string, params?: unknown) => Promise<unknown>
    await expect(untyped(source, ARTICLE_BY_SLUG_QUERY, {slug: 7})).rejects.toThrow('articleBySlug: parameter $slug must be')
    await expect(untyped(source, '*[_type == "article"]')).rejects.toThrow('not in queries/registry.ts')
    await expect(runQueryByName(source, 'articles')).rejects.toThrow('Unknown query "articles". Known queries: articleBySlug, articleList')
    await expect(untyped(source, SITEMAP_QUERY, ['x'])).rejects.toThrow('sitemap: parameters must be an object, got an array')
    const withPerspective = runQuery as (source: QuerySource, query: string, params: unknown, options: unknown) => Promise<unknown>
    await expect(withPerspective(source, SITEMAP_QUERY, {}, {perspective: 'previewDrafts'})).rejects.toThrow(
      'sitemap: perspective must be one of published, drafts, raw, got "previewDrafts"',
    )
    expect(calls).toHaveLength(0)
  })
})

describe('what is sent for a valid call', () => {
  test('optional parameters go out as their default or null; published is the default perspective', async () => {
    const {source, calls} = recordingSource()
    await runQuery(source, ARTICLE_LIST_QUERY, {tag: 'PIPL'})
    expect(calls).toEqual([{
      query: ARTICLE_LIST_QUERY,
      params: {limit: 20, section: null, tag: 'PIPL', company: null, regulation: null, lastPublishedAt: null, lastId: null},
      options: {perspective: 'published'},
    }])
    await runQuery(source, ARTICLE_BY_SLUG_QUERY, {slug: 'a'}, {perspective: 'drafts'})
    expect(calls[1]).toEqual({query: ARTICLE_BY_SLUG_QUERY, params: {slug: 'a'}, options: {perspective: 'drafts'}})
    await runQuery(source, SITEMAP_QUERY)
    expect(calls[2].params).toEqual({limit: 10_000, from: null})
  })
})
