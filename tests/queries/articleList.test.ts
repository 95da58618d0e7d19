/**
 * The article list: order, cursor pagination (every article exactly once, whatever the page size,
 * including across the three-way tie on publishedAt), filters, and drafts kept out of `published`.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {ARTICLE_LIST_QUERY, nextArticleListCursor, runQuery, type ArticleListParams, type QueryPerspective} from '../../queries'
import {openQueryFixtureLake, type QueryFixture} from '../fixtures/queryFixtureLake'
import {TIED_PUBLISHED_AT} from '../fixtures/syntheticArticles'

let fixture: QueryFixture
beforeAll(async () => {
  fixture = await openQueryFixtureLake()
})
afterAll(() => fixture?.close())

/** Newest first; the tie on TIED_PUBLISHED_AT is broken by `_id` descending. */
const PUBLISHED_ORDER = [
  'article.cybersecurity-law-amended',
  'article.cloud-price-war',
  'article.chip-unicorns-q1-2023',
  'article.pipl-one-year-on',
  'article.linkedin-exit',
  'article.github-china-mirror',
  'article.microsoft-claws-back-chinese-market',
  'article.internal-memo',
]

const list = (params: ArticleListParams, perspective: QueryPerspective = 'published') =>
  runQuery(fixture.lake, ARTICLE_LIST_QUERY, params, {perspective})

async function visitAllPages(limit: number, filters: ArticleListParams = {}, perspective: QueryPerspective = 'published') {
  const visited: string[] = []
  let cursor = {}
  for (let page = 0; page < 50; page++) {
    const rows = await list({...filters, ...cursor, limit}, perspective)
    expect(rows.length).toBeLessThanOrEqual(limit)
    visited.push(...rows.map((row) => row._id))
    if (rows.length < limit) return visited
    cursor = nextArticleListCursor(rows[rows.length - 1])
  }
  throw new Error('pagination did not end')
}

describe('articleList', () => {
  test('one page: newest first, cards projected', async () => {
    const rows = await list({})
    expect(rows.map((row) => row._id)).toEqual(PUBLISHED_ORDER)
    expect(rows[1]).toEqual({
      _id: 'article.cloud-price-war', title: 'Cloud price war hits Chinese providers', slug: 'cloud-price-war',
      dek: 'Tencent and rivals cut prices for storage and compute.', publishedAt: '2023-06-01T08:00:00Z', updatedAt: null,
      tags: ['cloud computing'], heroImage: null,
      section: {_id: 'section.technology', title: 'Technology', slug: 'technology'},
      authors: [{_id: 'author.dao-insights-staff', name: 'Dao Insights Staff', slug: 'dao-insights-staff', role: 'Staff writer'}],
    })
  })

  test.each([1, 2, 3, 4, 7, 8, 20])('pages of %i visit every article exactly once, in order', async (limit) => {
    const visited = await visitAllPages(limit)
    expect(visited).toEqual(PUBLISHED_ORDER)
    expect(new Set(visited).size).toBe(visited.length)
  })

  test('a cursor inside the tie continues with the rest of the tie', async () => {
    const rows = await list({limit: 10, lastPublishedAt: TIED_PUBLISHED_AT, lastId: 'article.pipl-one-year-on'})
    expect(rows.map((row) => row._id)).toEqual(PUBLISHED_ORDER.slice(4))
  })

  test('drafts perspective pages through drafts too, still once each', async () => {
    const visited = await visitAllPages(3, {}, 'drafts')
    expect(visited).toEqual(['article.unpublished-scoop', ...PUBLISHED_ORDER])
    const rows = await list({limit: 10, tag: 'draft-only-tag'}, 'drafts')
    expect(rows.map((row) => [row._id, row.title])).toEqual([['article.pipl-one-year-on', 'PIPL one year on: the costs (draft)']])
  })

  test('drafts and release versions never leak into published', async () => {
    const rows = await list({limit: 100})
    expect(rows.some((row) => row._id.startsWith('drafts.') || row._id.startsWith('versions.'))).toBe(false)
    expect(rows.map((row) => row.title)).not.toContain('PIPL one year on: the costs (draft)')
    expect(rows.map((row) => row.title)).not.toContain('Cloud price war (release version)')
    expect(await list({tag: 'draft-only-tag'})).toEqual([])
  })

  test('filters by section, tag, company and regulation (ids), and combine with the cursor', async () => {
    const ids = async (params: ArticleListParams) => (await list(params)).map((row) => row._id)
    expect(await ids({section: 'section.policy'})).toEqual(['article.cybersecurity-law-amended', 'article.pipl-one-year-on', 'article.internal-memo'])
    expect(await ids({tag: 'Microsoft'})).toEqual(['article.linkedin-exit', 'article.github-china-mirror', 'article.microsoft-claws-back-chinese-market'])
    expect(await ids({company: 'company.microsoft'})).toEqual(['article.linkedin-exit', 'article.microsoft-claws-back-chinese-market'])
    expect(await ids({company: 'company.github'})).toEqual(['article.github-china-mirror'])
    expect(await ids({regulation: 'regulation.personal-information-protection-law'})).toEqual(['article.pipl-one-year-on', 'article.microsoft-claws-back-chinese-market'])
    expect(await ids({section: 'section.technology', tag: 'Microsoft', company: 'company.microsoft'})).toEqual(['article.linkedin-exit', 'article.microsoft-claws-back-chinese-market'])
    expect(await visitAllPages(1, {section: 'section.technology'})).toEqual(PUBLISHED_ORDER.filter((id) => !['article.cybersecurity-law-amended', 'article.pipl-one-year-on', 'article.internal-memo'].includes(id)))
  })

  test('the default page size is 20 and the limit bounds the page', async () => {
    expect(await list({limit: 2})).toHaveLength(2)
    expect(await runQuery(fixture.lake, ARTICLE_LIST_QUERY)).toHaveLength(PUBLISHED_ORDER.length)
  })
})
