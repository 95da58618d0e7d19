/**
 * The fill-search-text migration, run offline with the project's runner: documents stored before
 * search existed get their search fields (articles with the names of the companies they reference),
 * search then finds them, stale fields are rewritten, and a second run has nothing to do.
 */
import {afterEach, describe, expect, test} from 'vitest'

import fillSearchText from '../../migrations/fill-search-text'
import {runMigrationLocally} from '../../migrations/runner/runMigrationLocally'
import {SEARCH_QUERY, runQuery, searchTerms} from '../../queries'
import {articles, companies, tempLakeWith, withSearchFields, type TempLake} from './searchFixture'

let temp: TempLake | undefined
afterEach(async () => {
  await temp?.close()
  temp = undefined
})

describe('migrations/fill-search-text', () => {
  test('fills searchText and searchTitle of articles and companies, drafts included; a second run changes nothing', async () => {
    temp = await tempLakeWith([...companies, ...articles, {_id: 'author.li-wei', _type: 'author', name: 'Li Wei'}])
    expect(await runQuery(temp.lake, SEARCH_QUERY, {terms: searchTerms('zijie tiaodong')!})).toEqual([])

    const result = await runMigrationLocally(fillSearchText, temp.lake)
    expect(result).toMatchObject({documents: companies.length + articles.length, mutations: 2 * (companies.length + articles.length)})

    const expected = withSearchFields([...companies, ...articles])
    for (const document of expected) {
      const stored = await temp.lake.getDocument(document._id)
      expect(stored?.searchText, document._id).toBe(document.searchText)
      expect(stored?.searchTitle, document._id).toBe(document.searchTitle)
    }
    expect((await temp.lake.getDocument('author.li-wei'))?.searchText).toBeUndefined()
    const found = await runQuery(temp.lake, SEARCH_QUERY, {terms: searchTerms('zijie tiaodong')!})
    expect(found.map((row) => row._id)).toEqual(['company.bytedance', 'article.bytedance-valuation', 'article.douyin-ecommerce'])

    expect((await runMigrationLocally(fillSearchText, temp.lake)).mutations).toBe(0)
  })

  test('rewrites only what is stale: a company renamed outside the Studio', async () => {
    temp = await tempLakeWith(withSearchFields([...companies, ...articles]))
    await temp.lake.mutate([{patch: {id: 'company.tencent', set: {aliases: ['企鹅帝国']}}}])
    const result = await runMigrationLocally(fillSearchText, temp.lake)
    // the company's two fields, and the searchText of the article that references it
    expect(result.mutations).toBe(3)
    const found = await runQuery(temp.lake, SEARCH_QUERY, {terms: searchTerms('企鹅帝国')!})
    expect(found.map((row) => row._id)).toEqual(['company.tencent', 'article.tencent-buyback'])
  })

  test('a dry run writes nothing', async () => {
    temp = await tempLakeWith([...companies])
    expect(await runMigrationLocally(fillSearchText, temp.lake, {dryRun: true})).toEqual({documents: 2, mutations: 4})
    expect((await temp.lake.getDocument('company.bytedance'))?.searchText).toBeUndefined()
  })
})
