/**
 * `runQuery` with a real `@sanity/client` pointed at a loopback stand-in for the Content Lake's
 * query endpoint: the query, the `$param` encoding and the perspective go out as the client
 * sends them, the stand-in answers from the fixture lake, and the typed result comes back.
 */
import {createServer, type IncomingMessage, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

import {createClient, type SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {ARTICLE_BY_SLUG_QUERY, ARTICLE_LIST_QUERY, QueryParameterError, runQuery, type QueryPerspective} from '../../queries'
import {BUNDLED_ARTICLE_SLUG, openQueryFixtureLake, type QueryFixture} from '../fixtures/queryFixtureLake'

interface RecordedRequest {
  method: string
  path: string
  query: string
  params: Record<string, unknown>
  perspective: string | null
}

let fixture: QueryFixture
let server: Server
let client: SanityClient
const requests: RecordedRequest[] = []

async function record(request: IncomingMessage): Promise<RecordedRequest> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  let body = ''
  for await (const chunk of request) body += chunk
  // GET carries the query in the URL, `$name=<JSON>` per parameter; long queries come as a POST body.
  const posted = body ? (JSON.parse(body) as {query: string; params?: Record<string, unknown>}) : undefined
  const params: Record<string, unknown> = {...posted?.params}
  for (const [key, value] of url.searchParams) if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value)
  return {
    method: request.method ?? '',
    path: url.pathname,
    query: posted?.query ?? url.searchParams.get('query') ?? '',
    params,
    perspective: url.searchParams.get('perspective'),
  }
}

beforeAll(async () => {
  fixture = await openQueryFixtureLake()
  server = createServer(async (request, response) => {
    const recorded = await record(request)
    requests.push(recorded)
    const result = await fixture.lake.fetch(recorded.query, recorded.params, {perspective: (recorded.perspective ?? 'raw') as QueryPerspective})
    response.writeHead(200, {'content-type': 'application/json'})
    response.end(JSON.stringify({query: recorded.query, result, ms: 1}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  client = createClient({
    projectId: 'chinadesk-local', dataset: 'production', apiVersion: '2025-02-19', useCdn: false,
    apiHost: `http://127.0.0.1:${port}`, useProjectHostname: false,
  })
})
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await fixture?.close()
})

describe('runQuery over @sanity/client', () => {
  test('the request carries the query, JSON-encoded $params and the perspective; the result comes back', async () => {
    requests.length = 0
    const article = await runQuery(client, ARTICLE_BY_SLUG_QUERY, {slug: BUNDLED_ARTICLE_SLUG})
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({
      path: '/v2025-02-19/data/query/production',
      query: ARTICLE_BY_SLUG_QUERY,
      params: {slug: BUNDLED_ARTICLE_SLUG},
      perspective: 'published',
    })
    expect(article!.title).toBe('Microsoft claws back Chinese market, leveraging health and life science cloud services')
    expect(article!.mentions.sources.map((source) => source.name)).toEqual(['Paul Triolo', 'Peter Navarro'])
    expect(article).toEqual(await runQuery(fixture.lake, ARTICLE_BY_SLUG_QUERY, {slug: BUNDLED_ARTICLE_SLUG}))
  })

  test('optional parameters go out as null, numbers as numbers; drafts perspective is passed on', async () => {
    requests.length = 0
    const rows = await runQuery(client, ARTICLE_LIST_QUERY, {limit: 2, tag: 'PIPL'}, {perspective: 'drafts'})
    expect(requests[0].params).toEqual({limit: 2, section: null, tag: 'PIPL', company: null, regulation: null, lastPublishedAt: null, lastId: null})
    expect(requests[0].perspective).toBe('drafts')
    expect(rows.map((row) => row._id)).toEqual(['article.unpublished-scoop', 'article.pipl-one-year-on'])
  })

  test('a bad parameter never reaches the network', async () => {
    requests.length = 0
    const untyped = runQuery as (source: SanityClient, query: string, params: unknown) => Promise<unknown>
    await expect(untyped(client, ARTICLE_BY_SLUG_QUERY, {})).rejects.toBeInstanceOf(QueryParameterError)
    expect(requests).toHaveLength(0)
  })
})
