/**
 * The article page query against the fixture lake: the bundled article exactly as the importer
 * writes it, a synthetic article with every body member type, and drafts kept out of `published`.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {ARTICLE_BY_SLUG_QUERY, runQuery} from '../../queries'
import {BUNDLED_ARTICLE_ID, BUNDLED_ARTICLE_SLUG, openQueryFixtureLake, type QueryFixture} from '../fixtures/queryFixtureLake'
import {HERO_ASSET_ID, HERO_ASSET_URL} from '../fixtures/syntheticEntities'

let fixture: QueryFixture
beforeAll(async () => {
  fixture = await openQueryFixtureLake()
})
afterAll(() => fixture?.close())

const articleBySlug = async (slug: string, perspective: 'published' | 'drafts' = 'published') =>
  runQuery(fixture.lake, ARTICLE_BY_SLUG_QUERY, {slug}, {perspective})

describe('articleBySlug: the imported article', () => {
  test('page fields, section, authors and related documents', async () => {
    const article = await articleBySlug(BUNDLED_ARTICLE_SLUG)
    expect(article).not.toBeNull()
    expect(article!._id).toBe(BUNDLED_ARTICLE_ID)
    expect(article!._type).toBe('article')
    expect(article!.title).toBe('Microsoft claws back Chinese market, leveraging health and life science cloud services')
    expect(article!.slug).toBe(BUNDLED_ARTICLE_SLUG)
    expect(article!.publishedAt).toBe('2022-10-12T08:00:00Z')
    expect(article!.tags).toEqual(['Microsoft', 'cloud computing', 'data privacy', 'PIPL', 'unicorns'])
    expect(article!.regions).toEqual(['Mainland China'])
    expect(article!.industries).toEqual(['Cloud computing', 'Healthcare and life sciences', 'Enterprise software'])
    expect(article!.section).toEqual({_id: 'section.technology', title: 'Technology', slug: 'technology'})
    expect(article!.authors).toEqual([
      {_id: 'author.dao-insights-staff', name: 'Dao Insights Staff', slug: 'dao-insights-staff', role: 'Staff writer', bio: null, avatar: null},
    ])
    expect(article!.legacySourceUrl).toBe('https://daoinsights.com/news/microsoft-claws-back-chinese-market-leveraging-health-and-life-science-cloud-services/')
    expect(article!.relatedRegulations?.map((regulation) => regulation.abbreviation ?? regulation.title)).toEqual(['PIPL', 'Data Security Law'])
    expect(article!.relatedCompanies?.map((company) => company.slug)).toContain('microsoft')
    expect(article!.relatedCompanies?.every((company) => typeof company.name === 'string')).toBe(true)
  })

  test('mentions: every company, regulation and source the body links to, each once, by name', async () => {
    const article = await articleBySlug(BUNDLED_ARTICLE_SLUG)
    expect(article!.mentions.companies.map((company) => company.name)).toEqual([
      '21Vianet', 'Albright Stonebridge Group', 'Facebook', 'Google', 'Huawei', 'IT Juzi', 'LinkedIn', 'Microsoft', 'Twitter',
    ])
    expect(article!.mentions.companies.find((company) => company.slug === 'huawei')).toEqual({_id: 'company.huawei', name: 'Huawei', nameZh: '华为', slug: 'huawei'})
    expect(article!.mentions.regulations).toEqual([
      {_id: 'regulation.data-security-law', title: 'Data Security Law', abbreviation: null, slug: 'data-security-law'},
      {_id: 'regulation.personal-information-protection-law', title: 'Personal Information Protection Law', abbreviation: 'PIPL', slug: 'personal-information-protection-law'},
    ])
    expect(article!.mentions.sources).toEqual([
      {_id: 'interviewSource.paul-triolo', name: 'Paul Triolo', slug: 'paul-triolo', jobTitle: 'SVP for China & Technology Policy Lead'},
      {_id: 'interviewSource.peter-navarro', name: 'Peter Navarro', slug: 'peter-navarro', jobTitle: 'White House trade adviser'},
    ])
  })

  test('body annotations are resolved in place, the quoted word carries its speaker and interview', async () => {
    const article = await articleBySlug(BUNDLED_ARTICLE_SLUG)
    const blocks = article!.body!.filter((member) => member._type === 'block')
    expect(blocks.length).toBeGreaterThan(5)
    const markDefs = blocks.flatMap((block) => block.markDefs ?? [])
    for (const markDef of markDefs) {
      if (markDef._type === 'companyMention') expect(markDef.company?.name, markDef._key).toEqual(expect.any(String))
      if (markDef._type === 'regulationMention') expect(markDef.regulation?.title, markDef._key).toEqual(expect.any(String))
      if (markDef._type === 'sourceMention') expect(markDef.source?.name, markDef._key).toEqual(expect.any(String))
    }
    const quoted = blocks.find((block) => block.children?.some((span) => span.text === 'suspicious'))!
    const span = quoted.children!.find((child) => child.text === 'suspicious')!
    const mark = quoted.markDefs!.find((markDef) => span.marks?.includes(markDef._key))!
    expect(mark).toMatchObject({
      _type: 'quoteAttribution',
      interviewKey: 'cnn',
      speaker: {_id: 'interviewSource.peter-navarro', name: 'Peter Navarro', slug: 'peter-navarro', jobTitle: 'White House trade adviser'},
      interview: {_key: 'cnn', kind: 'otherOutlet', outlet: 'CNN', attribution: 'onRecord', date: null, url: null},
    })
  })
})

describe('articleBySlug: every body member type', () => {
  test('unicorn list embeds are expanded, entries by rank', async () => {
    const article = await articleBySlug('chip-unicorns-q1-2023')
    const embed = article!.body!.find((member) => member._type === 'unicornListEmbed')
    expect(embed).toEqual({
      _key: 'embed1',
      _type: 'unicornListEmbed',
      caption: 'The full Q1 list',
      list: {
        _id: 'unicornList.it-juzi-2023-q1', title: 'IT Juzi new tech unicorns, Q1 2023', slug: 'it-juzi-2023-q1',
        period: {_type: 'unicornListPeriod', year: 2023, kind: 'quarter', quarter: 1}, cutoffDate: '2023-03-31', publishedAt: '2023-04-20',
        scope: null, totalCount: 2, entryCount: 2,
        sectorBreakdown: [{_key: 'semi', _type: 'sectorCount', sector: 'semiconductors', count: 2}],
        tracker: {_id: 'company.it-juzi', name: 'IT Juzi', nameZh: 'IT桔子', slug: 'it-juzi'},
        topEntries: [
          {_key: 'e1', rank: 1, sector: 'semiconductors', valuation: {_type: 'money', amount: 3_400_000_000, currency: 'USD'}, company: {_id: 'company.moore-threads', name: 'Moore Threads', nameZh: '摩尔线程', slug: 'moore-threads'}},
          {_key: 'e2', rank: 2, sector: 'semiconductors', valuation: {_type: 'money', amount: 2_000_000_000, currency: 'USD'}, company: {_id: 'company.biren-technology', name: 'Biren Technology', nameZh: '壁仞科技', slug: 'biren-technology'}},
        ],
      },
    })
  })

  test('quotations carry the speaker and the interview; images their asset URL and size', async () => {
    const article = await articleBySlug('chip-unicorns-q1-2023')
    const quotation = article!.body!.find((member) => member._type === 'quotation')
    expect(quotation).toEqual({
      _key: 'quote1', _type: 'quotation', text: 'Chips are the new oil.', interviewKey: 'dao-insights-exclusive', attribution: 'onRecord', style: 'pull',
      speaker: {_id: 'interviewSource.paul-triolo', name: 'Paul Triolo', slug: 'paul-triolo', jobTitle: 'SVP for China & Technology Policy Lead'},
      interview: {_key: 'dao-insights-exclusive', kind: 'exclusive', outlet: 'Dao Insights', date: null, url: null, attribution: 'onRecord'},
    })
    const image = article!.body!.find((member) => member._type === 'imageWithAlt')
    expect(image).toMatchObject({_key: 'img1', alt: 'A fab in Beijing', asset: {_id: HERO_ASSET_ID, url: HERO_ASSET_URL, width: 1200, height: 630}})
    expect(article!.heroImage).toMatchObject({alt: 'A GPU wafer under lights', credit: 'China Desk', asset: {url: HERO_ASSET_URL, width: 1200, height: 630, lqip: 'data:image/jpeg;base64,AAAA'}})
    expect(article!.seo).toEqual({title: 'Moore Threads tops Q1 unicorn list', description: 'Chip designers lead the first new-unicorn list of 2023.', canonicalUrl: null, noIndex: null})
    expect(article!.mentions.sources.map((source) => source.slug)).toEqual(['paul-triolo'])
  })

  test('quotation speakers and source mentions count as mentioned sources', async () => {
    const article = await articleBySlug('pipl-one-year-on')
    expect(article!.mentions.sources.map((source) => source._id)).toEqual(['interviewSource.anonymous-banker', 'interviewSource.peter-navarro'])
    expect(article!.mentions.regulations.map((regulation) => regulation.slug)).toEqual(['personal-information-protection-law'])
    expect(article!.mentions.companies).toEqual([])
  })
})

describe('articleBySlug: perspectives', () => {
  test('published shows the published title; drafts the draft over it', async () => {
    expect((await articleBySlug('pipl-one-year-on'))!.title).toBe('PIPL one year on')
    const draft = await articleBySlug('pipl-one-year-on', 'drafts')
    expect(draft!.title).toBe('PIPL one year on: the costs (draft)')
    expect(draft!._id).toBe('article.pipl-one-year-on')
  })

  test('a draft-only article is null when published, found in drafts; unknown slugs are null', async () => {
    expect(await articleBySlug('unpublished-scoop')).toBeNull()
    expect((await articleBySlug('unpublished-scoop', 'drafts'))!.mentions.companies.map((company) => company.name)).toEqual(['Microsoft Corporation'])
    expect(await articleBySlug('no-such-article')).toBeNull()
  })

  test('a release version never shows outside raw', async () => {
    expect((await articleBySlug('cloud-price-war'))!.title).toBe('Cloud price war hits Chinese providers')
    expect((await articleBySlug('cloud-price-war', 'drafts'))!.title).toBe('Cloud price war hits Chinese providers')
  })
})
