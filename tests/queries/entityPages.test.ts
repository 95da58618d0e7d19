/**
 * Company, regulation and source pages against the fixture lake, field by field.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {COMPANY_BY_SLUG_QUERY, REGULATION_BY_SLUG_QUERY, REGULATION_TIMELINE_QUERY, SOURCE_BY_SLUG_QUERY, runQuery} from '../../queries'
import {openQueryFixtureLake, type QueryFixture} from '../fixtures/queryFixtureLake'

let fixture: QueryFixture
beforeAll(async () => {
  fixture = await openQueryFixtureLake()
})
afterAll(() => fixture?.close())

const link = (slug: string, name: string, nameZh: string | null = null) => ({_id: `company.${slug}`, name, nameZh, slug})

describe('companyBySlug', () => {
  test('a parent company: profile, subsidiaries from the child side, latest articles newest first', async () => {
    const company = await runQuery(fixture.lake, COMPANY_BY_SLUG_QUERY, {slug: 'microsoft'})
    expect(company).toMatchObject({
      _id: 'company.microsoft', _type: 'company', name: 'Microsoft', slug: 'microsoft', kind: 'listed', aliases: ['Microsoft'],
      headquarters: {country: 'United States', city: 'Redmond'}, website: 'https://www.microsoft.com', parent: null, unicorn: null, logo: null,
    })
    expect(company!.listings).toEqual([{_key: expect.any(String), exchange: 'NASDAQ', ticker: 'MSFT'}])
    expect(company!.subsidiaries).toEqual([link('github', 'GitHub'), link('linkedin', 'LinkedIn')])
    expect(company!.latestArticles.map((article) => article._id)).toEqual(['article.linkedin-exit', 'article.microsoft-claws-back-chinese-market'])
  })

  test('a subsidiary links its parent; a unicorn has its profile with investors resolved', async () => {
    const linkedIn = await runQuery(fixture.lake, COMPANY_BY_SLUG_QUERY, {slug: 'linkedin'})
    expect(linkedIn!.parent).toEqual(link('microsoft', 'Microsoft'))
    expect(linkedIn!.subsidiaries).toEqual([])
    const moore = await runQuery(fixture.lake, COMPANY_BY_SLUG_QUERY, {slug: 'moore-threads'})
    expect(moore!.unicorn).toEqual({
      status: 'active', becameUnicornAt: '2021-11-01', valuationHistory: null, exit: null,
      latestValuation: {_type: 'valuation', amount: 3_400_000_000, currency: 'USD', asOf: '2023-03-31', source: {_type: 'valuationSource', tracker: 'IT Juzi'}},
      totalFunding: {_type: 'money', amount: 1_500_000_000, currency: 'USD'},
      investors: [
        {_key: 'inv-tencent', name: null, company: link('tencent', 'Tencent', '腾讯')},
        {_key: 'inv-sequoia', name: 'Sequoia China', company: null},
      ],
    })
    expect(moore!.latestArticles.map((article) => article.slug)).toEqual(['chip-unicorns-q1-2023'])
  })

  test('drafts perspective shows the company draft; published does not', async () => {
    expect((await runQuery(fixture.lake, COMPANY_BY_SLUG_QUERY, {slug: 'microsoft'}, {perspective: 'drafts'}))!.name).toBe('Microsoft Corporation')
    expect(await runQuery(fixture.lake, COMPANY_BY_SLUG_QUERY, {slug: 'nope'})).toBeNull()
  })
})

describe('regulationBySlug and regulationTimeline', () => {
  test('dates and amendments become one timeline, oldest first', async () => {
    const regulation = await runQuery(fixture.lake, REGULATION_BY_SLUG_QUERY, {slug: 'cybersecurity-law'})
    expect(regulation).toMatchObject({_id: 'regulation.cybersecurity-law', title: 'Cybersecurity Law', abbreviation: 'CSL', status: 'amended', instrumentType: 'law'})
    const summary = 'Raises fines and adds AI governance duties.'
    expect(regulation!.timeline).toEqual([
      {kind: 'adopted', date: '2016-11-07', summary: null, amendmentKey: null},
      {kind: 'effective', date: '2017-06-01', summary: null, amendmentKey: null},
      {kind: 'amendmentAdopted', date: '2025-10-28', summary, amendmentKey: 'amend-2025'},
      {kind: 'amendmentEffective', date: '2026-01-01', summary, amendmentKey: 'amend-2025'},
    ])
    expect(regulation!.amendments).toEqual([{_key: 'amend-2025', adoptedAt: '2025-10-28', effectiveAt: '2026-01-01', summary}])
    expect(regulation!.relatedRegulations!.map((related) => [related.slug, related.status, related.effectiveAt])).toEqual([
      ['personal-information-protection-law', 'inForce', '2021-11-01'],
      ['data-security-law', 'inForce', '2021-09-01'],
    ])
    expect(regulation!.articles.map((article) => article._id)).toEqual(['article.cybersecurity-law-amended'])
  })

  test('the PIPL page lists the articles and the regulations that reference it', async () => {
    const pipl = await runQuery(fixture.lake, REGULATION_BY_SLUG_QUERY, {slug: 'personal-information-protection-law'})
    expect(pipl!.timeline.map((event) => [event.kind, event.date])).toEqual([['adopted', '2021-08-20'], ['effective', '2021-11-01']])
    expect(pipl!.articles.map((article) => article._id)).toEqual(['article.pipl-one-year-on', 'article.microsoft-claws-back-chinese-market'])
    expect(pipl!.referencedBy).toEqual([{_id: 'regulation.cybersecurity-law', title: 'Cybersecurity Law', abbreviation: 'CSL', slug: 'cybersecurity-law'}])
  })

  test('the timeline covers every regulation, ordered by its first date', async () => {
    const timeline = await runQuery(fixture.lake, REGULATION_TIMELINE_QUERY)
    expect(timeline.map((regulation) => regulation._id)).toEqual([
      'regulation.cybersecurity-law', 'regulation.data-security-law', 'regulation.personal-information-protection-law',
    ])
    expect(timeline[0].events.map((event) => event.kind)).toEqual(['adopted', 'effective', 'amendmentAdopted', 'amendmentEffective'])
    expect(timeline[2].events).toEqual([
      {kind: 'adopted', date: '2021-08-20', summary: null, amendmentKey: null},
      {kind: 'effective', date: '2021-11-01', summary: null, amendmentKey: null},
    ])
  })
})

describe('sourceBySlug', () => {
  test('the person, their interviews, and every quotation across articles with the article', async () => {
    const source = await runQuery(fixture.lake, SOURCE_BY_SLUG_QUERY, {slug: 'peter-navarro'})
    expect(source).toMatchObject({
      _id: 'interviewSource.peter-navarro', name: 'Peter Navarro', slug: 'peter-navarro', jobTitle: 'White House trade adviser',
      organisation: {name: 'White House', company: null}, headshot: null,
    })
    expect(source!.interviews).toEqual([{_key: 'cnn', kind: 'otherOutlet', outlet: 'CNN', date: null, url: null, attribution: 'onRecord', anonymityReason: null}])
    const [pipl, bundled] = source!.quotedIn
    expect(pipl).toEqual({
      _id: 'article.pipl-one-year-on', title: 'PIPL one year on', slug: 'pipl-one-year-on', publishedAt: '2022-11-01T09:00:00Z',
      quotations: [{_key: 'quote1', text: 'They cannot be trusted with data.', speakerTitle: null, attribution: 'onRecord', style: 'block', interviewKey: 'cnn'}],
      attributedPassages: [],
    })
    expect(bundled).toMatchObject({_id: 'article.microsoft-claws-back-chinese-market', quotations: []})
    expect(bundled.attributedPassages).toHaveLength(1)
    expect(bundled.attributedPassages![0].paragraph).toContain('viewed as “suspicious”, as described by Peter Navarro')
    expect(bundled.attributedPassages![0].quotes).toEqual([{_key: expect.any(String), interviewKey: 'cnn', text: 'suspicious'}])
    expect(source!.quotedIn).toHaveLength(2)
  })

  test('an organisation that is a company is resolved; marks of other speakers are not counted', async () => {
    const source = await runQuery(fixture.lake, SOURCE_BY_SLUG_QUERY, {slug: 'paul-triolo'})
    expect(source!.organisation).toEqual({name: null, company: link('albright-stonebridge-group', 'Albright Stonebridge Group')})
    const chip = source!.quotedIn.find((article) => article.slug === 'chip-unicorns-q1-2023')!
    expect(chip.quotations!.map((quotation) => quotation.text)).toEqual(['Chips are the new oil.'])
    expect(chip.attributedPassages!.map((passage) => passage.quotes)).toEqual([[{_key: 'q1', interviewKey: 'dao-insights-exclusive', text: 'a national priority'}]])
    // Mentioned (sourceMention) in the bundled article, but never quoted there.
    expect(source!.quotedIn.map((article) => article.slug)).toEqual(['chip-unicorns-q1-2023'])
    expect(source!.mentionedIn.map((article) => article.slug)).toEqual(['chip-unicorns-q1-2023', 'microsoft-claws-back-chinese-market'])
  })

  test('anonymous sources keep the reason', async () => {
    const source = await runQuery(fixture.lake, SOURCE_BY_SLUG_QUERY, {slug: 'anonymous-banker'})
    expect(source!.interviews![0]).toMatchObject({attribution: 'anonymous', anonymityReason: 'Not authorised to speak publicly.'})
  })
})
