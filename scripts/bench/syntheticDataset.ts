/**
 * Deterministic synthetic China Desk datasets in the contract's schema shape: articles with Portable Text bodies
 * (company/regulation/source mentions, quotations), authors, sections, companies (with parents and unicorn
 * profiles), regulations, interview sources, unicorn lists and a few drafts. Used by the benchmark and by the
 * store-vs-groq-js property test; the same seed always gives the same documents.
 */

import {searchFieldsFor} from '../../schemas/search/searchTextFor'
import {mulberry32} from './seededRandom'
import {chineseText, englishText} from './syntheticText'

type Doc = {_id: string; _type: string; [field: string]: unknown}

function randomSource(seed: number) {
  const next = mulberry32(seed)
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]
  const some = <T>(items: readonly T[], max: number): T[] => [...new Set(Array.from({length: 1 + int(max)}, () => pick(items)))]
  return {next, int, pick, some}
}

/** Tags and slug words: a desk's small fixed tag list (text comes from the Zipf vocabulary of `syntheticText.ts`). */
const WORDS = 'chip export rule tariff cloud model battery fund listing probe merger supply chain data privacy platform lender subsidy'.split(' ')
const SECTORS = ['semiconductors', 'biotech', 'artificialIntelligence', 'enterpriseSoftware', 'hardware', 'newEnergy', 'fintech', 'ecommerce'] as const
const SECTIONS = ['tech', 'policy', 'markets', 'companies', 'energy', 'autos', 'finance', 'opinion']
const ref = (id: string, key?: string) => ({_type: 'reference', _ref: id, ...(key ? {_key: key} : {})})

export interface SyntheticDataset {
  documents: Doc[]
  articleSlugs: string[]
  companyIds: string[]
  companySlugs: string[]
  regulationIds: string[]
  sectionIds: string[]
  sourceIds: string[]
}

export function generateDataset(articleCount: number, seed = 42): SyntheticDataset {
  const r = randomSource(seed)
  const title = (n: number) => englishText(r.next, n)
  const chinese = (n: number) => chineseText(r.next, n)
  // Half the headlines lead with Chinese, as a bilingual desk writes them: `字节跳动估值降至… ByteDance valuation slips`.
  const headline = () => (r.next() < 0.5 ? `${chinese(2).slice(0, -1)} ${title(6)}` : title(8))
  const count = (ratio: number, min: number) => Math.max(min, Math.round(articleCount * ratio))
  const documents: Doc[] = []

  const sectionIds = SECTIONS.map((slug) => {
    documents.push({_id: `section.${slug}`, _type: 'section', title: slug, slug: {_type: 'slug', current: slug}})
    return `section.${slug}`
  })
  const authorIds = Array.from({length: count(0.01, 5)}, (_, i) => {
    const id = `author.writer-${i}`
    documents.push({_id: id, _type: 'author', name: `Writer ${i}`, slug: {_type: 'slug', current: `writer-${i}`}, role: 'Reporter'})
    return id
  })
  const companyIds: string[] = []
  const companySlugs: string[] = []
  for (let i = 0; i < count(0.2, 20); i++) {
    const slug = `company-${i}`
    const id = `company.${slug}`
    const parent = i > 10 && r.next() < 0.2 ? ref(r.pick(companyIds)) : undefined
    documents.push({
      _id: id, _type: 'company', name: `Company ${i}`, nameZh: `公司${i}`, slug: {_type: 'slug', current: slug},
      kind: r.pick(['listed', 'private', 'stateOwned'] as const), sectors: r.some(SECTORS, 2),
      headquarters: {_type: 'location', country: 'China', city: r.pick(['Beijing', 'Shanghai', 'Shenzhen', 'Hangzhou'])},
      ...(parent ? {parent} : {}),
      ...(r.next() < 0.3 ? {unicorn: {_type: 'unicornProfile', status: 'active', becameUnicornAt: '2021-05-01',
        latestValuation: {_type: 'valuation', amount: 1 + r.int(50), currency: 'USD', asOf: '2025-12-31'}}} : {}),
      description: title(20),
    })
    Object.assign(documents[documents.length - 1], searchFieldsFor(documents[documents.length - 1]))
    companyIds.push(id)
    companySlugs.push(slug)
  }
  const regulationIds = Array.from({length: count(0.05, 10)}, (_, i) => {
    const id = `regulation.rule-${i}`
    documents.push({
      _id: id, _type: 'regulation', title: `Rule ${i} on ${title(3)}`, abbreviation: `R${i}`, slug: {_type: 'slug', current: `rule-${i}`},
      instrumentType: r.pick(['law', 'departmentalRule', 'nationalStandard'] as const), status: r.pick(['inForce', 'draft', 'amended'] as const),
      adoptedAt: `20${10 + r.int(15)}-0${1 + r.int(9)}-15`, effectiveAt: '2025-01-01', summary: title(15),
    })
    return id
  })
  const sourceIds = Array.from({length: count(0.1, 10)}, (_, i) => {
    const id = `interviewSource.person-${i}`
    documents.push({
      _id: id, _type: 'interviewSource', name: `Person ${i}`, slug: {_type: 'slug', current: `person-${i}`}, jobTitle: 'Analyst',
      organisation: {_type: 'organisation', company: ref(r.pick(companyIds))},
      interviews: [{_key: `iv${i}`, _type: 'interview', kind: 'exclusive', outlet: 'China Desk', date: '2025-03-01', attribution: 'onRecord'}],
    })
    return id
  })

  const companyNames = new Map(documents.filter((doc) => doc._type === 'company').map((doc) => [doc._id, doc as never]))
  const articleSlugs: string[] = []
  for (let i = 0; i < articleCount; i++) {
    const slug = `article-${i}-${r.pick(WORDS)}`
    const company = r.pick(companyIds)
    const regulation = r.pick(regulationIds)
    const source = r.pick(sourceIds)
    const body = [
      {_type: 'block', _key: 'b1', style: 'normal', markDefs: [{_key: 'm1', _type: 'companyMention', company: ref(company)}],
        children: [{_type: 'span', _key: 's1', text: title(12), marks: ['m1']}, {_type: 'span', _key: 's2', text: title(25), marks: []}]},
      {_type: 'block', _key: 'b2', style: 'normal', markDefs: [{_key: 'm2', _type: 'regulationMention', regulation: ref(regulation)}],
        children: [{_type: 'span', _key: 's3', text: `${title(18)} ${chinese(6)}`, marks: ['m2']}]},
      {_type: 'quotation', _key: 'q1', text: title(20), speaker: ref(source), interviewKey: `iv${source.split('-').pop()}`, attribution: 'onRecord', style: 'pull'},
      {_type: 'block', _key: 'b3', style: 'h2', markDefs: [], children: [{_type: 'span', _key: 's4', text: title(5), marks: []}]},
      {_type: 'block', _key: 'b4', style: 'normal', markDefs: [{_key: 'm3', _type: 'sourceMention', source: ref(source)}],
        children: [{_type: 'span', _key: 's5', text: title(35), marks: ['m3']}]},
    ]
    const day = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000 * 7).toISOString()
    documents.push({
      _id: `article.${slug}`, _type: 'article', title: headline(), slug: {_type: 'slug', current: slug}, dek: title(20),
      publishedAt: day, authors: r.some(authorIds, 2).map((id, k) => ref(id, `a${k}`)), section: ref(r.pick(sectionIds)),
      tags: r.some(WORDS, 3), regions: ['Mainland China'], industries: r.some(SECTORS, 2),
      heroImage: {_type: 'imageWithAlt', alt: title(4), caption: title(6), asset: ref(`image-${i}-1200x800-jpg`)},
      body, relatedCompanies: r.some(companyIds, 3).map((id, k) => ref(id, `c${k}`)),
      relatedRegulations: [ref(regulation, 'r0')], seo: {_type: 'seo', title: title(6), description: title(15)}, newsletterCta: r.next() < 0.5,
    })
    // The stored search fields the importer and the publish action write (company names come from the company documents).
    const article = documents[documents.length - 1]
    Object.assign(article, searchFieldsFor(article, {companyNames: (companyId) => companyNames.get(companyId)}))
    articleSlugs.push(slug)
    if (i % 50 === 7) documents.push({...(documents[documents.length - 1] as Doc), _id: `drafts.article.${slug}`, title: `DRAFT ${title(6)}`})
  }
  for (let i = 0; i < Math.max(2, Math.round(articleCount / 2000)); i++) {
    documents.push({
      _id: `unicornList.list-${i}`, _type: 'unicornList', title: `Unicorns ${2020 + i}`, slug: {_type: 'slug', current: `list-${i}`},
      period: {year: 2020 + i, kind: 'half', half: 1}, publishedAt: `${2020 + i}-07-01`,
      entries: companyIds.slice(0, 30).map((id, k) => ({_key: `e${k}`, _type: 'unicornListEntry', company: ref(id), sector: r.pick(SECTORS), rank: k + 1})),
    })
  }
  return {documents, articleSlugs, companyIds, companySlugs, regulationIds, sectionIds, sourceIds}
}
