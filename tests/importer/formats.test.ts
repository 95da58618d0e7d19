/**
 * Markdown (front matter), HTML and WordPress WXR sources, imported into a dataset that already holds
 * the bundled article's entities: each becomes an article in the schema's shape, linked to those
 * entities, with boilerplate and unsupported elements dropped and reported.
 */
import {join} from 'node:path'

import {beforeAll, describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {blockPlainText, type ImportReport} from '../../importer'
import {BUNDLED, importInto, tempDir} from './importFixtures'

const FIXTURES = join(import.meta.dirname, 'fixtures')
type Block = {_type: string; style?: string; listItem?: string; markDefs: {_type: string; [field: string]: unknown}[]; children: {text: string; marks: string[]}[]}

let datasetFile: string
let report: ImportReport
let lake: LocalLake

beforeAll(async () => {
  datasetFile = join(await tempDir('importer-formats-'), 'production.ndjson')
  await importInto(datasetFile, [BUNDLED])
  report = await importInto(datasetFile, [FIXTURES])
  lake = await LocalLake.open(datasetFile)
})

const mentionTargets = (block: Block) =>
  block.markDefs
    .filter((markDef) => markDef._type !== 'link')
    .map((markDef) => ((markDef.company ?? markDef.regulation ?? markDef.source) as {_ref: string})._ref)

describe('Markdown with front matter', () => {
  it('takes title, date, author, section and legacy id from the front matter and keeps formatting', async () => {
    const article = await lake.getDocument('article.microsoft-expands-azure-regions-in-china-with-21vianet')
    expect(article).toMatchObject({
      publishedAt: '2022-11-03T09:30:00Z',
      authors: [{_ref: 'author.li-wei'}],
      section: {_ref: 'section.technology'},
      tags: ['cloud', 'Azure'],
      newsletterCta: true,
      legacy: {legacyId: 'md-0042', sourceFile: 'azure-expansion.md'},
    })
    const body = article!.body as Block[]
    expect(body.map((block) => block.style)).toEqual(['normal', 'h2', 'normal', 'normal'])
    expect(body.slice(2).map((block) => block.listItem)).toEqual(['bullet', 'bullet'])
    const strong = body[0].children.find((span) => span.text === '21Vianet')!
    expect(strong.marks).toContain('strong')
    expect(mentionTargets(body[0])).toEqual(expect.arrayContaining(['company.microsoft', 'company.21vianet', 'regulation.personal-information-protection-law']))
    // The source's own link survives next to the mention annotation on the same words.
    expect(body[0].markDefs.map((markDef) => markDef._type)).toContain('link')
    expect(await lake.getDocument('author.li-wei')).toMatchObject({name: 'Li Wei'})
  })
})

describe('HTML', () => {
  it('uses <title>, drops the duplicate <h1>, style, image and newsletter line, and reports them', async () => {
    const [article] = await lake.fetch<{_id: string; body: Block[]; newsletterCta: boolean}[]>('*[legacy.sourceFile == "huawei-pharma-cloud.html"]', {}, {perspective: 'raw'})
    expect(article._id).toBe('drafts.article.huawei-opens-its-ai-cloud-to-pharmaceutical-research')
    expect(article.body.map(blockPlainText)).toEqual([
      'Huawei unveiled an AI cloud service for drug discovery, weeks before Microsoft.',
      'Regulation',
      'Both must comply with the PIPL and the Data Security Law.',
    ])
    expect(article.newsletterCta).toBe(true)
    expect(mentionTargets(article.body[2])).toEqual(['regulation.personal-information-protection-law', 'regulation.data-security-law'])
    const reasons = report.dropped.filter((entry) => entry.file.endsWith('.html')).map((entry) => entry.reason)
    expect(reasons).toEqual(expect.arrayContaining(['style stripped', 'image without an uploaded asset; add it in the Studio', expect.stringContaining('newsletter')]))
    expect(report.drafts).toEqual(expect.arrayContaining([expect.objectContaining({id: article._id, missingFields: ['publishedAt', 'authors']})]))
  })
})

describe('WordPress WXR', () => {
  it('imports published posts with their WordPress fields and skips pages and drafts, reported', async () => {
    const linkedin = await lake.getDocument('article.linkedin-retreats-from-china')
    expect(linkedin).toMatchObject({
      publishedAt: '2021-10-15T06:00:00Z',
      authors: [{_ref: 'author.zhang'}],
      section: {_ref: 'section.technology'},
      tags: ['LinkedIn'],
      dek: 'The career network scales back.',
      newsletterCta: true,
      legacy: {legacyId: 'wordpress:101', sourceUrl: 'https://daoinsights.com/news/linkedin-retreats/'},
    })
    const body = linkedin!.body as Block[]
    expect(body.map(blockPlainText)).toEqual(['LinkedIn, owned by Microsoft, will close its social network in China.', 'The PIPL raised the cost of compliance.'])
    expect(mentionTargets(body[0])).toEqual(['company.linkedin', 'company.microsoft'])
    expect(await lake.getDocument('author.zhang')).toMatchObject({name: 'Zhang Min'})

    // A Chinese title with no WordPress slug gets a pinyin slug.
    expect(await lake.getDocument('article.weiruan-chongfan-zhongguo-shichang')).toMatchObject({title: '微软重返中国市场'})
    const skipped = report.dropped.filter((entry) => entry.file.endsWith('archive.wxr.xml')).map((entry) => entry.what)
    expect(skipped).toEqual(expect.arrayContaining(['post 5 "About us"', 'post 103 "Unfinished draft"']))
  })
})

describe('one run, several sources', () => {
  it('links an article without a manifest to entities another source’s manifest brings in the same run', async () => {
    const fresh = join(await tempDir('importer-run-'), 'production.ndjson')
    const runReport = await importInto(fresh, [BUNDLED, join(FIXTURES, 'azure-expansion.md')])
    expect(runReport.articles).toBe(2)
    const freshLake = await LocalLake.open(fresh)
    const article = await freshLake.getDocument('article.microsoft-expands-azure-regions-in-china-with-21vianet')
    const body = article!.body as Block[]
    expect(mentionTargets(body[0])).toEqual(expect.arrayContaining(['company.microsoft', 'company.21vianet']))
    // "Azure" is a product in the bundled manifest: it claims its word, so nothing links there.
    expect(body[0].children.find((span) => span.text.includes('Azure'))?.marks).toEqual([])
    await freshLake.close()
  })
})
