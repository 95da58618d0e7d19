/**
 * `npm run import`'s library writes the search fields: the bundled legacy article (English text) and its
 * manifest's companies come out with `searchText` and `searchTitle`, so a reader finds the article by a
 * company's Chinese name or its pinyin, which the article's own text never contains.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {LocalLake} from '../../lake'
import {SEARCH_QUERY, runQuery, searchTerms} from '../../queries'
import {searchFieldsFor, type CompanyNames} from '../../schemas/search/searchTextFor'
import {importBundledArticle} from '../fixtures/queryFixtureLake'

const ARTICLE_ID = 'article.microsoft-claws-back-chinese-market'
let dir: string
let lake: LocalLake

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'china-desk-search-import-'))
  const file = join(dir, 'production.ndjson')
  await importBundledArticle(file)
  lake = await LocalLake.open(file)
}, 120_000)
afterAll(async () => {
  await lake?.close()
  await rm(dir, {recursive: true, force: true})
})

describe('the importer fills the search fields', () => {
  test('articles and companies carry exactly what searchFieldsFor computes from the stored documents', async () => {
    const documents = lake.allDocuments()
    const companies = new Map(documents.filter((doc) => doc._type === 'company').map((doc) => [doc._id, doc as CompanyNames]))
    const searchable = documents.filter((doc) => doc._type === 'article' || doc._type === 'company')
    expect(searchable.length).toBeGreaterThan(5)
    for (const document of searchable) {
      const {searchText, searchTitle, ...rest} = document
      const expected = searchFieldsFor(rest, {companyNames: (id) => companies.get(id)})
      expect({searchText, searchTitle}, document._id).toEqual(expected)
    }
  })

  test('a reader finds the article by a mentioned company’s Chinese name and pinyin', async () => {
    for (const input of ['世纪互联', 'shiji hulian', 'Bing']) {
      const rows = await runQuery(lake, SEARCH_QUERY, {terms: searchTerms(input)!})
      expect(rows.map((row) => row._id), input).toContain(ARTICLE_ID)
    }
    const byChineseName = await runQuery(lake, SEARCH_QUERY, {terms: searchTerms('世纪互联')!})
    expect(byChineseName[0]).toMatchObject({_type: 'company', _id: 'company.21vianet'})
  })
})
