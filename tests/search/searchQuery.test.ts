/**
 * SEARCH_QUERY as a reader uses it (`searchTerms(input)` → `$terms`) on the local lake, checked
 * against plain groq-js, and the same query string through `@sanity/client` against the Content Lake
 * stand-in (HTTPS, as the Studio talks to it).
 */
import {createClient, type SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {startStandIn, type RunningStandIn} from '../../lake/server'
import {SEARCH_QUERY, runQuery, searchTerms, type QuerySource} from '../../queries'
import {plainGroqFetch} from '../queries/plainGroq'
import {articles, companies, tempLakeWith, withSearchFields, type TempLake} from './searchFixture'

const documents = withSearchFields([...companies, ...articles])
let local: TempLake

beforeAll(async () => {
  local = await tempLakeWith(documents)
})
afterAll(() => local?.close())

async function search(source: QuerySource, input: string, perspective: 'published' | 'drafts' = 'published'): Promise<string[]> {
  const rows = await runQuery(source, SEARCH_QUERY, {terms: searchTerms(input)!}, {perspective})
  return rows.map((row) => row._id)
}

describe('search on the local lake', () => {
  test.each([
    ['估值', ['article.bytedance-valuation']], // a Chinese word of the title; chip-imports has 估 and 值 apart
    ['回购', ['article.tencent-buyback', 'article.bytedance-valuation']], // title hit first, though older
    ['股票', ['article.bytedance-valuation']], // a Chinese word only in the body
    ['TikTok', ['article.bytedance-valuation', 'article.douyin-ecommerce']], // English, dek and body: newer first
    ['buyback', ['article.bytedance-valuation']], // an English word of the dek
    ['ByteDance', ['company.bytedance', 'article.bytedance-valuation', 'article.douyin-ecommerce']],
    ['字节跳动', ['company.bytedance', 'article.bytedance-valuation', 'article.douyin-ecommerce']],
    // pinyin and aliases are in neither article's text: both are found through the company they reference
    ['zijie tiaodong', ['company.bytedance', 'article.bytedance-valuation', 'article.douyin-ecommerce']],
    ['zijietiaodong', ['company.bytedance', 'article.bytedance-valuation', 'article.douyin-ecommerce']],
    ['抖音母公司', ['company.bytedance', 'article.bytedance-valuation', 'article.douyin-ecommerce']],
    ['鹅厂', ['company.tencent', 'article.tencent-buyback']],
    ['tengxun', ['company.tencent', 'article.tencent-buyback']],
    ['字节跳动 TikTok', ['article.bytedance-valuation', 'article.douyin-ecommerce']], // every term must match
    ['Tik*', ['article.bytedance-valuation', 'article.douyin-ecommerce']],
    ['zeppelin', []],
  ])('%s', async (input, expected) => {
    expect(await search(local.lake, input)).toEqual(expected)
  })

  test('ranking: a title hit outranks body hits; equal scores go newest first', async () => {
    const rows = await runQuery(local.lake, SEARCH_QUERY, {terms: searchTerms('回购')!})
    expect(rows.map((row) => [row._type, row._type === 'article' ? row.publishedAt : null])).toEqual([
      ['article', '2024-04-01T08:00:00Z'],
      ['article', '2024-06-01T08:00:00Z'],
    ])
  })

  test('results are typed cards: articles with their fields, companies with theirs', async () => {
    const [company, article] = await runQuery(local.lake, SEARCH_QUERY, {terms: searchTerms('ByteDance')!})
    expect(company).toEqual({_type: 'company', _id: 'company.bytedance', name: 'ByteDance', nameZh: '字节跳动', slug: 'bytedance', description: null})
    expect(article).toMatchObject({_type: 'article', slug: 'bytedance-valuation', publishedAt: '2024-06-01T08:00:00Z'})
  })

  test('a draft is found in the drafts perspective only', async () => {
    expect(await search(local.lake, '独家')).toEqual([])
    expect(await search(local.lake, '独家', 'drafts')).toEqual(['article.scoop'])
  })

  test('the local lake answers exactly as plain groq-js does', async () => {
    for (const input of ['估值', '回购', 'ByteDance', 'zijie tiaodong', 'TikTok', 'Tik*', '鹅厂']) {
      const params = {terms: searchTerms(input)!}
      for (const perspective of ['published', 'drafts'] as const) {
        expect(await local.lake.fetch(SEARCH_QUERY, params, {perspective}), `${input} ${perspective}`).toEqual(
          await plainGroqFetch(documents, SEARCH_QUERY, params, perspective),
        )
      }
    }
  })
})

describe('search through @sanity/client against the Content Lake stand-in', () => {
  let standIn: RunningStandIn
  let client: SanityClient
  let tlsSetting: string | undefined

  beforeAll(async () => {
    standIn = await startStandIn({lake: local.lake, datasetFile: local.file, projectId: 'chinadesk-local'})
    // The stand-in's certificate is self-signed for localhost; only this test process trusts it.
    tlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
    client = createClient({
      projectId: 'chinadesk-local', dataset: 'production', apiVersion: '2025-02-19', useCdn: false,
      apiHost: standIn.origin, useProjectHostname: false,
    })
  })
  afterAll(async () => {
    if (tlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tlsSetting
    await standIn?.close()
  })

  test('the same query string gives the same rows as the local lake', async () => {
    for (const input of ['估值', '回购', '字节跳动', 'zijie tiaodong', 'TikTok', '鹅厂']) {
      expect(await search(client, input), input).toEqual(await search(local.lake, input))
    }
    const remote = await runQuery(client, SEARCH_QUERY, {terms: searchTerms('ByteDance')!})
    expect(remote).toEqual(await runQuery(local.lake, SEARCH_QUERY, {terms: searchTerms('ByteDance')!}))
  })
})
