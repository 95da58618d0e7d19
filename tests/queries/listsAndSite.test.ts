/**
 * Unicorn list queries and the sitemap against the fixture lake (search: tests/search/).
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {
  COMPANY_UNICORN_APPEARANCES_QUERY,
  LATEST_UNICORN_LISTS_QUERY,
  SITEMAP_INDEX_QUERY,
  SITEMAP_QUERY,
  UNICORN_LIST_BY_SLUG_QUERY,
  runQuery,
  sitemapIndexEntries,
} from '../../queries'
import {openQueryFixtureLake, type QueryFixture} from '../fixtures/queryFixtureLake'

let fixture: QueryFixture
beforeAll(async () => {
  fixture = await openQueryFixtureLake()
})
afterAll(() => fixture?.close())

const itJuzi = {_id: 'company.it-juzi', name: 'IT Juzi', nameZh: 'IT桔子', slug: 'it-juzi'}

describe('unicorn lists', () => {
  test('latest lists: newest period first, the imported Q3 2022 list included', async () => {
    const lists = await runQuery(fixture.lake, LATEST_UNICORN_LISTS_QUERY)
    expect(lists.map((list) => list._id)).toEqual([
      'unicornList.it-juzi-2023-q1', 'unicornList.hurun-2022-h2', 'unicornList.it-juzi-2022-q3-new-tech-unicorns',
    ])
    expect(lists[2]).toEqual({
      _id: 'unicornList.it-juzi-2022-q3-new-tech-unicorns', title: 'IT Juzi new tech unicorns, Q3 2022', slug: 'it-juzi-2022-q3-new-tech-unicorns',
      period: {year: 2022, kind: 'quarter', quarter: 3}, cutoffDate: null, publishedAt: null, scope: 'new tech unicorns, China', totalCount: 18,
      tracker: itJuzi, entryCount: null,
    })
    expect(lists[1].tracker).toBeNull()
  })

  test('by slug: entries by rank with companies resolved, sector breakdown, citing articles', async () => {
    const list = await runQuery(fixture.lake, UNICORN_LIST_BY_SLUG_QUERY, {slug: 'it-juzi-2023-q1'})
    expect(list).toMatchObject({_id: 'unicornList.it-juzi-2023-q1', _type: 'unicornList', totalCount: 2, cutoffDate: '2023-03-31', tracker: {...itJuzi, website: null}})
    expect(list!.entries!.map((entry) => [entry.rank, entry.company?.name, entry.valuation?.amount])).toEqual([
      [1, 'Moore Threads', 3_400_000_000], [2, 'Biren Technology', 2_000_000_000],
    ])
    expect(list!.sectorBreakdown).toEqual([{_key: 'semi', sector: 'semiconductors', otherSector: null, count: 2}])
    expect(list!.articles.map((article) => article.slug)).toEqual(['chip-unicorns-q1-2023'])
    const imported = await runQuery(fixture.lake, UNICORN_LIST_BY_SLUG_QUERY, {slug: 'it-juzi-2022-q3-new-tech-unicorns'})
    expect(imported!.sectorBreakdown!.map((row) => [row.sector, row.count])).toEqual([['semiconductors', 6], ['biotech', 4]])
    expect(imported!.sourceWording).toContain('6 out of 18 shortlisted')
  })

  test('a company’s appearances: lists where it is an entry, with its entry; the tracker does not appear', async () => {
    const appearances = await runQuery(fixture.lake, COMPANY_UNICORN_APPEARANCES_QUERY, {companyId: 'company.moore-threads'})
    expect(appearances.map((list) => [list._id, list.entry?.rank])).toEqual([['unicornList.it-juzi-2023-q1', 1], ['unicornList.hurun-2022-h2', 120]])
    expect(appearances[0].entry).toEqual({_key: 'e1', rank: 1, sector: 'semiconductors', valuation: {_type: 'money', amount: 3_400_000_000, currency: 'USD'}})
    expect(await runQuery(fixture.lake, COMPANY_UNICORN_APPEARANCES_QUERY, {companyId: 'company.it-juzi'})).toEqual([])
  })
})

describe('sitemap', () => {
  test('every routable published document once, noIndex articles and drafts left out', async () => {
    const rows = await runQuery(fixture.lake, SITEMAP_QUERY, {})
    const keys = rows.map((row) => `${row._type}/${row.slug}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(rows.map((row) => row._id)).toEqual(rows.map((row) => row._id).sort())
    expect(keys.filter((key) => key.startsWith('article/')).sort()).toEqual([
      'article/chip-unicorns-q1-2023', 'article/cloud-price-war', 'article/cybersecurity-law-amended', 'article/github-china-mirror',
      'article/linkedin-exit', 'article/microsoft-claws-back-chinese-market', 'article/pipl-one-year-on',
    ])
    expect(keys).toEqual(expect.arrayContaining([
      'author/dao-insights-staff', 'author/li-wei', 'company/microsoft', 'company/moore-threads', 'interviewSource/peter-navarro',
      'regulation/personal-information-protection-law', 'section/policy', 'section/technology', 'unicornList/it-juzi-2022-q3-new-tech-unicorns',
    ]))
    expect(rows.filter((row) => row._type === 'company')).toHaveLength(13)
    expect(rows.some((row) => (row._type as string) === 'sanity.imageAsset')).toBe(false)
    expect(rows.find((row) => row.slug === 'chip-unicorns-q1-2023')!.updatedAt).toBe('2023-04-22T10:00:00Z')
    for (const row of rows) expect(Number.isNaN(Date.parse(row.updatedAt)), row._id).toBe(false)
  })

  test('files of at most $limit URLs, listed by the index, together hold every URL once', async () => {
    const everything = await runQuery(fixture.lake, SITEMAP_QUERY, {})
    for (const pageSize of [1, 4, 7, everything.length, everything.length + 3]) {
      const index = await sitemapIndexEntries((params) => runQuery(fixture.lake, SITEMAP_INDEX_QUERY, params), pageSize)
      expect(index).toHaveLength(Math.ceil(everything.length / pageSize))
      const files = await Promise.all(index.map(({from}) => runQuery(fixture.lake, SITEMAP_QUERY, {from, limit: pageSize})))
      for (const file of files) {
        expect(file.length).toBeGreaterThan(0)
        expect(file.length).toBeLessThanOrEqual(pageSize)
      }
      expect(files.flat()).toEqual(everything)
    }
  })

  test('the protocol bounds: a file holds at most 50,000 URLs', async () => {
    await expect(runQuery(fixture.lake, SITEMAP_QUERY, {limit: 50_001})).rejects.toThrow(/limit/)
    await expect(sitemapIndexEntries(async () => ({nextFrom: null}), 0)).rejects.toThrow(/pageSize/)
  })
})
