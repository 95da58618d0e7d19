/**
 * A small bilingual newsroom for the search tests: two companies with Chinese names and aliases,
 * articles whose Chinese words sit in the title, the dek or the body, one that names ByteDance only
 * through a company mention, one that holds 估 and 值 but never the word 估值, and a draft.
 * `withSearchFields` stores the search fields the importer and the Studio write.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {LocalLake, type Doc} from '../../lake'
import {searchFieldsFor, type CompanyNames} from '../../schemas/search/searchTextFor'
import {keyedRef, mention, paragraph, ref} from '../fixtures/portableTextBuilders'

const byline = {authors: [keyedRef('author.li-wei')]}

export const companies: Doc[] = [
  {_id: 'company.bytedance', _type: 'company', name: 'ByteDance', nameZh: '字节跳动', aliases: ['抖音母公司', 'Douyin parent'], slug: {_type: 'slug', current: 'bytedance'}},
  {_id: 'company.tencent', _type: 'company', name: 'Tencent', nameZh: '腾讯控股', aliases: ['鹅厂'], slug: {_type: 'slug', current: 'tencent'}},
]

export const articles: Doc[] = [
  {
    _id: 'article.bytedance-valuation', _type: 'article', ...byline,
    title: '字节跳动估值降至2680亿美元 ByteDance valuation slips', slug: {_type: 'slug', current: 'bytedance-valuation'},
    dek: 'Its latest share buyback prices the TikTok owner lower.', publishedAt: '2024-06-01T08:00:00Z',
    body: [paragraph('b1', '字节跳动本周向员工发起新一轮股票回购，估值较去年下降。'), paragraph('b2', 'TikTok faces a deadline in the United States.')],
    relatedCompanies: [keyedRef('company.bytedance')],
  },
  {
    _id: 'article.douyin-ecommerce', _type: 'article', ...byline,
    title: 'Douyin’s e-commerce push squeezes Alibaba', slug: {_type: 'slug', current: 'douyin-ecommerce'},
    publishedAt: '2024-05-01T08:00:00Z',
    body: [paragraph('b1', 'The app, run by ', ['its parent', mention('m1', 'companyMention', 'company', 'company.bytedance')], ', sold more than TikTok did abroad.')],
  },
  {
    _id: 'article.tencent-buyback', _type: 'article', ...byline,
    title: '腾讯控股加大回购力度', slug: {_type: 'slug', current: 'tencent-buyback'},
    publishedAt: '2024-04-01T08:00:00Z', body: [paragraph('b1', 'Tencent bought back shares worth HK$1bn.')],
    relatedCompanies: [keyedRef('company.tencent')],
  },
  {
    _id: 'article.chip-imports', _type: 'article', ...byline,
    title: 'Chip imports fall', slug: {_type: 'slug', current: 'chip-imports'}, publishedAt: '2024-02-01T08:00:00Z',
    // 估 and 值 both occur, but never side by side: a search for 估值 must not find this.
    body: [paragraph('b1', '市场估计今年芯片进口总值下降。')],
  },
  {
    _id: 'drafts.article.scoop', _type: 'article', ...byline, title: '字节跳动独家 scoop', slug: {_type: 'slug', current: 'scoop'},
    publishedAt: '2024-07-01T08:00:00Z', section: ref('section.technology'),
  },
]

/** The documents as the importer and the publish action store them: with their search fields. */
export function withSearchFields(documents: Doc[]): Doc[] {
  const names = new Map(companies.map((company) => [company._id, company as CompanyNames]))
  return documents.map((document) => ({...document, ...searchFieldsFor(document, {companyNames: (id) => names.get(id)})}))
}

export interface TempLake {
  lake: LocalLake
  file: string
  close(): Promise<void>
}

/** A LocalLake on a fresh temporary file holding `documents`. */
export async function tempLakeWith(documents: Doc[]): Promise<TempLake> {
  const dir = await mkdtemp(join(tmpdir(), 'china-desk-search-'))
  const file = join(dir, 'production.ndjson')
  const lake = await LocalLake.open(file, {createIfMissing: true})
  await lake.mutate(documents.map((document) => ({createOrReplace: document})))
  return {
    lake,
    file,
    close: async () => {
      await lake.close()
      await rm(dir, {recursive: true, force: true})
    },
  }
}
