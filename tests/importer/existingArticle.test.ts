/**
 * The newsroom's existing article, imported from the bundled copy: text kept exactly, every verified
 * entity created once and linked where the text names it, the unicorn list's figures, and HTML output.
 */
import {join} from 'node:path'

import {toHTML} from '@portabletext/to-html'
import type {PortableTextBlock} from '@portabletext/types'
import {beforeAll, describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {blockPlainText, type ImportReport} from '../../importer'
import {BUNDLED, importInto, sourceParagraphs, tempDir} from './importFixtures'
import {renderArticleBody} from './renderArticleBody'

type Block = PortableTextBlock & {markDefs: {_key: string; _type: string; [field: string]: unknown}[]; children: {text: string; marks: string[]}[]}

let lake: LocalLake
let report: ImportReport
let body: Block[]
const ARTICLE_ID = 'article.microsoft-claws-back-chinese-market'

beforeAll(async () => {
  const datasetFile = join(await tempDir(), 'production.ndjson')
  report = await importInto(datasetFile, [BUNDLED])
  lake = await LocalLake.open(datasetFile)
  body = ((await lake.getDocument(ARTICLE_ID))?.body ?? []) as Block[]
})

/** Entity ids linked from one block, with the exact text each link covers. */
function linksIn(block: Block): {id: string; type: string; text: string}[] {
  return block.markDefs.map((markDef) => {
    const ref = (markDef.company ?? markDef.regulation ?? markDef.source ?? markDef.speaker) as {_ref: string}
    const text = block.children.filter((span) => span.marks.includes(markDef._key)).map((span) => span.text).join('')
    return {id: ref._ref, type: markDef._type, text}
  })
}

describe('the bundled article', () => {
  it('keeps every paragraph character for character, boilerplate aside', () => {
    expect(body.map(blockPlainText)).toEqual(sourceParagraphs())
    expect(body.map(blockPlainText).join('\n')).toContain('“suspicious”')
  })

  it('drops "Join our newsletter" from the body, sets newsletterCta and reports it', async () => {
    const article = await lake.getDocument(ARTICLE_ID)
    expect(article?.newsletterCta).toBe(true)
    expect(report.dropped).toEqual([expect.objectContaining({what: 'Join our newsletter', file: BUNDLED})])
    expect(body.some((block) => blockPlainText(block).includes('newsletter'))).toBe(false)
  })

  it('creates each verified entity exactly once, with deterministic ids', async () => {
    const ids = await lake.fetch<string[]>('*[_type in ["company", "regulation", "interviewSource", "unicornList", "author", "section"]]._id')
    expect([...ids].sort()).toEqual([
      'author.dao-insights-staff',
      'company.21vianet', 'company.albright-stonebridge-group', 'company.facebook', 'company.google', 'company.huawei',
      'company.it-juzi', 'company.linkedin', 'company.microsoft', 'company.twitter',
      'interviewSource.paul-triolo', 'interviewSource.peter-navarro',
      'regulation.data-security-law', 'regulation.personal-information-protection-law',
      'section.technology',
      'unicornList.it-juzi-2022-q3-new-tech-unicorns',
    ])
    expect(report.totals).toEqual({created: 17, updated: 0, unchanged: 0})
  })

  it('links each entity from every paragraph that names it, covering exactly the name', () => {
    const expected: Record<string, string[]> = {
      'company.microsoft': ['Microsoft'],
      'company.huawei': ['Huawei'],
      'company.linkedin': ['LinkedIn'],
      'company.google': ['Google'],
      'company.facebook': ['Facebook'],
      'company.twitter': ['Twitter'],
      'company.21vianet': ['21Vianet'],
      'company.albright-stonebridge-group': ['Albright Stonebridge Group'],
      'company.it-juzi': ['IT Juzi'],
      'regulation.personal-information-protection-law': ['Personal Information Protection Law', 'PIPL'],
      'regulation.data-security-law': ['Data Security Law'],
      'interviewSource.peter-navarro': ['Peter Navarro', 'suspicious'],
      'interviewSource.paul-triolo': ['Paul Triolo'],
    }
    for (const [id, aliases] of Object.entries(expected)) {
      const names = aliases.filter((alias) => alias !== 'suspicious')
      const naming = body.filter((block) =>
        names.some((alias) => new RegExp(`(?<![\\p{L}\\p{N}])${alias}(?![\\p{L}\\p{N}])(?! 365)`, 'u').test(blockPlainText(block))),
      )
      expect(naming.length, id).toBeGreaterThan(0)
      for (const block of naming) {
        const links = linksIn(block).filter((link) => link.id === id && link.type !== 'quoteAttribution')
        expect(links, `${id} in "${blockPlainText(block).slice(0, 40)}"`).toHaveLength(1)
        expect(aliases).toContain(links[0].text)
      }
    }
    // "Microsoft 365" is a product: the paragraph naming only the product links no company.
    const productParagraph = body.find((block) => blockPlainText(block).startsWith('The two business applications'))!
    expect(linksIn(productParagraph).map((link) => link.id)).toEqual(['regulation.data-security-law', 'regulation.personal-information-protection-law'])
  })

  it('attributes “suspicious” to Navarro’s CNN interview, keeping the curly quotes in the text', async () => {
    const block = body.find((candidate) => blockPlainText(candidate).includes('“suspicious”'))!
    const quote = block.markDefs.find((markDef) => markDef._type === 'quoteAttribution')!
    expect(quote).toMatchObject({speaker: {_ref: 'interviewSource.peter-navarro'}, interviewKey: 'cnn'})
    expect(linksIn(block).find((link) => link.type === 'quoteAttribution')?.text).toBe('suspicious')
    const navarro = await lake.getDocument('interviewSource.peter-navarro')
    expect(navarro).toMatchObject({jobTitle: 'White House trade adviser', organisation: {name: 'White House'}})
    expect(navarro?.interviews).toEqual([expect.objectContaining({_key: 'cnn', kind: 'otherOutlet', outlet: 'CNN'})])
  })

  it('stores the verified facts: parent company, law dates, source organisation, unicorn list 18/6/4', async () => {
    expect(await lake.getDocument('company.linkedin')).toMatchObject({parent: {_ref: 'company.microsoft'}})
    expect(await lake.getDocument('regulation.personal-information-protection-law')).toMatchObject({
      abbreviation: 'PIPL', effectiveAt: '2021-11-01', adoptedAt: '2021-08-20',
    })
    expect(await lake.getDocument('regulation.data-security-law')).toMatchObject({effectiveAt: '2021-09-01', adoptedAt: '2021-06-10'})
    expect(await lake.getDocument('interviewSource.paul-triolo')).toMatchObject({
      jobTitle: 'SVP for China & Technology Policy Lead',
      organisation: {company: {_ref: 'company.albright-stonebridge-group'}},
      interviews: [expect.objectContaining({kind: 'exclusive'})],
    })
    const list = await lake.getDocument('unicornList.it-juzi-2022-q3-new-tech-unicorns')
    expect(list).toMatchObject({totalCount: 18, tracker: {_ref: 'company.it-juzi'}, period: {year: 2022, kind: 'quarter', quarter: 3}})
    expect(list?.sectorBreakdown).toEqual([
      expect.objectContaining({sector: 'semiconductors', count: 6}),
      expect.objectContaining({sector: 'biotech', count: 4}),
    ])
    expect(list?.sourceWording).toContain('6 out of 18 shortlisted')
  })

  it('records legacy provenance and the manifest facts on the article', async () => {
    const article = await lake.getDocument(ARTICLE_ID)
    expect(article).toMatchObject({
      publishedAt: '2022-10-12T08:00:00Z',
      authors: [{_ref: 'author.dao-insights-staff'}],
      section: {_ref: 'section.technology'},
      legacy: {legacyId: 'dao-insights/microsoft-claws-back-chinese-market', sourceFile: 'microsoft-claws-back-chinese-market.txt', importedAt: '2026-01-02T03:04:05.000Z'},
    })
  })

  it('renders to HTML with @portabletext/to-html, links in place', () => {
    const html = toHTML(body, {components: renderArticleBody})
    expect(html).toContain('<a href="/companies/microsoft">Microsoft</a> has revealed')
    expect(html).toContain('<a href="/regulations/personal-information-protection-law">Personal Information Protection Law</a> (PIPL)')
    expect(html).toContain('the <a href="/regulations/personal-information-protection-law">PIPL</a>, resulting')
    expect(html).toContain('as described by <a href="/sources/peter-navarro">Peter Navarro</a>')
    expect(html).toContain('“<q data-speaker="/sources/peter-navarro" data-interview="cnn">suspicious</q>”')
    expect(html).toContain('<a href="/companies/it-juzi">IT Juzi</a>')
    expect(html).not.toContain('newsletter')
  })
})
