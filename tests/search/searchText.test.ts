/**
 * The write side (`searchTextFor`, `searchFieldsFor`) and the read side (`searchTerms`) of bilingual
 * search: what is stored for an article and a company, and what a reader's input becomes. The query
 * tests (searchQuery.test.ts) show the two meet under GROQ `match`.
 */
import {describe, expect, test} from 'vitest'

import {searchTerms} from '../../queries'
import {referencedCompanyIds, searchFieldsFor, searchTextFor, type CompanyNames} from '../../schemas/search/searchTextFor'
import {articles, companies} from './searchFixture'

const tokens = (text: string | undefined) => new Set((text ?? '').split(' '))
const [bytedance] = companies
const valuation = articles[0]
const ecommerce = articles[1]

describe('searchTextFor', () => {
  test('a company: English and Chinese names, pinyin joined and in every span, aliases', () => {
    const stored = tokens(searchTextFor(bytedance))
    for (const token of ['bytedance', '字节', '节跳', '跳动', '字', 'zijietiaodong', 'zijie', 'tiaodong', '抖音', 'douyinmugongsi', 'douyin', 'parent']) {
      expect(stored, token).toContain(token)
    }
    expect(searchFieldsFor(bytedance).searchTitle).toBe(searchFieldsFor(bytedance).searchText)
  })

  test('an article: title, dek and body words, English lowercased, each token once', () => {
    const text = searchTextFor(valuation)!
    const stored = tokens(text)
    for (const token of ['估值', '回购', '字节', '跳动', '2680', 'bytedance', 'tiktok', 'buyback', 'united', '美元']) expect(stored, token).toContain(token)
    expect(text.split(' ')).toHaveLength(stored.size)
    expect(text).toBe(text.toLowerCase())
    expect(text).not.toMatch(/[，。]/)
    // the title alone, for ranking
    expect(tokens(searchFieldsFor(valuation).searchTitle)).not.toContain('回购')
    expect(tokens(searchFieldsFor(valuation).searchTitle)).toContain('估值')
  })

  test('an article carries the names of the companies it references, when the caller supplies them', () => {
    expect(referencedCompanyIds(ecommerce)).toEqual(['company.bytedance'])
    expect(tokens(searchTextFor(ecommerce))).not.toContain('zijie')
    const names = (id: string) => (id === 'company.bytedance' ? (bytedance as CompanyNames) : undefined)
    const stored = tokens(searchTextFor(ecommerce, {companyNames: names}))
    for (const token of ['bytedance', '字节', 'zijie', 'tiaodong', '抖音']) expect(stored, token).toContain(token)
    // a possessive is also found by its stem
    expect(stored).toContain('douyin')
  })

  test('deterministic, and undefined for types that are not searched', () => {
    expect(searchTextFor(valuation)).toBe(searchTextFor(structuredClone(valuation)))
    expect(searchTextFor({_type: 'author', name: 'Li Wei'})).toBeUndefined()
    expect(searchTextFor({_type: 'article'})).toBeUndefined()
  })
})

describe('searchTerms', () => {
  test.each([
    ['字节跳动估值', '字节 节跳 跳动 动估 估值'],
    ['估值', '估值'],
    ['港', '港'],
    ['TikTok', 'tiktok'],
    ['ＴｉｋＴｏｋ', 'tiktok'],
    ['zijie tiaodong', 'zijie tiaodong'],
    ['ByteDance 估值', 'bytedance 估值'],
    ['Tik*', 'tik*'],
    ['“回购”，', '回购'],
  ])('%s → %s', (input, expected) => {
    expect(searchTerms(input)).toBe(expected)
  })

  test('nothing searchable gives undefined, so no empty $terms is ever sent', () => {
    for (const input of ['', '   ', '*', '，。！', '-']) expect(searchTerms(input), JSON.stringify(input)).toBeUndefined()
  })
})
