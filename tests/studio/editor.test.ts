/**
 * The real Studio, offline, in a real browser: Debian's Chromium against the local Content Lake stand-in on a
 * copy of the imported dataset. Each scenario asserts what the editor sees AND what lands in the dataset, saves
 * a screenshot under tests/artifacts/studio/, and fails when the Studio called an unknown API route that matters.
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {promisify} from 'node:util'

import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import type {Browser, Page} from 'playwright-core'

import {LocalLake, type Doc} from '../../lake'
import {runQueryByName} from '../../queries'
import {hasChromium, launchChromium, newEditorContext, screenshot, SKIP_REASON, type EditorContext} from './harness/browser'
import {ARTICLE_ID, PROJECT_DIR, ensureStudioBuilt, importedSeed, startStudioSession, type StudioSession} from './harness/session'
import {field, openDocument, publishAndWait, STUDIO_LOAD_TIMEOUT, waitForDocument, waitUntil} from './harness/studioPage'
import {makePng} from './harness/pngFixture'
import {routesThatMatter} from './harness/unknownRoutes'

if (!hasChromium) console.warn(SKIP_REASON)

const SCENARIO_TIMEOUT = 240_000
const run = promisify(execFile)
const ARTICLE_SLUG = 'microsoft-claws-back-chinese-market'

type Span = {_type: string; text?: string; marks?: string[]}
type Block = {_type: string; children?: Span[]; markDefs?: {_key: string; _type: string}[]}

/** Texts of the body spans annotated with a given mark type (from the stored document, not the UI). */
function annotatedTexts(article: Doc, markType: string): string[] {
  const texts: string[] = []
  for (const block of (article.body as Block[] | undefined) ?? []) {
    const keys = new Set((block.markDefs ?? []).filter((def) => def._type === markType).map((def) => def._key))
    for (const span of block.children ?? []) if (span.marks?.some((mark) => keys.has(mark)) && span.text) texts.push(span.text)
  }
  return texts
}

describe.skipIf(!hasChromium)('offline Studio in Chromium', () => {
  let browser: Browser
  let session: StudioSession
  let editor: EditorContext

  beforeAll(async () => {
    // Both are slow the first time (a Studio build, an import validated with Sanity's rules); run them together.
    await Promise.all([ensureStudioBuilt(), importedSeed()])
    browser = await launchChromium()
  }, 900_000)

  afterAll(async () => {
    await browser?.close()
  })

  async function begin(): Promise<Page> {
    session = await startStudioSession()
    editor = await newEditorContext(browser)
    return editor.newPage()
  }

  afterEach(async (context) => {
    const unknown = session ? routesThatMatter(session.standIn.unknownRoutes) : []
    await editor?.close()
    await session?.close()
    if (context.task.result?.state === 'fail') console.error('page errors:', editor?.pageErrors.slice(0, 30))
    expect(unknown, 'the Studio called API routes the stand-in does not implement').toEqual([])
  })

  it(
    'lists the imported article, companies, regulations, sources and the unicorn list in the desk',
    async () => {
      const page = await begin()
      const lists: [string, string, string][] = [
        ['articles;all-articles', 'article', 'title'],
        ['company', 'company', 'name'],
        ['regulation', 'regulation', 'title'],
        ['interviewSource', 'interviewSource', 'name'],
        ['unicornList', 'unicornList', 'title'],
      ]
      await page.goto(session.url('/structure'))
      const desk = page.locator('[data-testid="structure-tool-list-pane"]').first()
      await desk.waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      for (const title of ['Articles', 'Companies', 'Regulations', 'Sources', 'Unicorn lists']) {
        await expect(desk.getByText(title, {exact: true}).count()).resolves.toBe(1)
      }
      for (const [path, type, titleField] of lists) {
        const titles = await session.lake.fetch<string[]>(`*[_type == $type][].${titleField}`, {type}, {perspective: 'published'})
        expect(titles.length, `imported ${type} documents`).toBeGreaterThan(0)
        await page.goto(session.url(`/structure/${path}`))
        const pane = page.locator('[data-testid="document-list-pane"]').last()
        // Each list shows the stored documents' titles (the first screenful is enough).
        for (const title of titles.slice(0, 5)) {
          await pane.getByText(title, {exact: true}).first().waitFor({timeout: STUDIO_LOAD_TIMEOUT})
        }
        await screenshot(page, `desk-${type}`)
      }
      // Browsing writes nothing.
      expect(await session.lake.fetch('count(*[_id in path("drafts.**")])', {}, {perspective: 'raw'})).toBe(0)
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'opens the article with its body and the company and regulation mentions',
    async () => {
      const page = await begin()
      const article = (await session.lake.getDocument(ARTICLE_ID))!
      const companies = annotatedTexts(article, 'companyMention')
      const regulations = annotatedTexts(article, 'regulationMention')
      expect(companies.length, 'company mentions in the imported body').toBeGreaterThan(0)
      expect(regulations.length, 'regulation mentions in the imported body').toBeGreaterThan(0)

      await openDocument(page, session, ARTICLE_ID)
      await expect(field(page, 'title').locator('input').inputValue()).resolves.toBe(article.title)
      const body = field(page, 'body')
      await body.scrollIntoViewIfNeeded()
      const annotations = body.locator('[data-annotation]')
      await annotations.first().waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      const shown = await annotations.allInnerTexts()
      for (const text of [companies[0], regulations[0]]) expect(shown).toContain(text)
      await body.getByText(regulations[0], {exact: true}).first().scrollIntoViewIfNeeded()
      await screenshot(page, 'article-body-mentions')
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'edits the title and publishes: the published document and the query runner see the new title',
    async () => {
      const page = await begin()
      const newTitle = 'Microsoft wins back China with health cloud (edited offline)'
      await openDocument(page, session, ARTICLE_ID)
      await field(page, 'title').locator('input').fill(newTitle)
      await waitForDocument(session, `drafts.${ARTICLE_ID}`, (doc) => doc?.title === newTitle, 'the draft with the new title')

      await publishAndWait(page)
      await waitForDocument(session, ARTICLE_ID, (doc) => doc?.title === newTitle, 'the published title')
      await waitForDocument(session, `drafts.${ARTICLE_ID}`, (doc) => doc === undefined, 'the draft to be gone')
      await screenshot(page, 'article-published')

      // A fresh store on the same file, as `npm run query` opens it.
      const reader = await LocalLake.open(session.datasetFile)
      try {
        const result = (await runQueryByName(reader, 'articleBySlug', {slug: ARTICLE_SLUG})) as {title?: string} | null
        expect(result?.title).toBe(newTitle)
      } finally {
        await reader.close()
      }
      // And the command editors and developers use.
      const {stdout} = await run('npm', ['run', '-s', 'query', '--', 'articleBySlug', '--slug', ARTICLE_SLUG, '--dataset-file', session.datasetFile], {
        cwd: PROJECT_DIR,
      })
      expect((JSON.parse(stdout) as {title?: string}).title).toBe(newTitle)
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'shows the validation error when the slug is cleared and blocks publishing',
    async () => {
      const page = await begin()
      await openDocument(page, session, ARTICLE_ID)
      const slug = field(page, 'slug')
      await slug.locator('input').fill('')
      const draft = await waitForDocument(
        session,
        `drafts.${ARTICLE_ID}`,
        (doc) => doc !== undefined && !(doc.slug as {current?: string} | undefined)?.current,
        'the draft without a slug',
      )
      expect(draft?.title).toBeDefined()
      await slug.locator('[data-testid="input-validation-icon-error"]').first().waitFor({timeout: 30_000})
      const publish = page.locator('[data-testid="action-publish"]')
      await waitUntil(async () => publish.isDisabled(), 'Publish is disabled')
      await slug.locator('[data-testid="input-validation-icon-error"]').first().hover()
      await page.getByText(/required/i).first().waitFor({timeout: 10_000})
      await screenshot(page, 'slug-cleared-validation')
      const published = await session.lake.getDocument(ARTICLE_ID)
      expect((published?.slug as {current: string}).current).toBe(ARTICLE_SLUG)
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'shows edits from one tab in another tab on the same document',
    async () => {
      const first = await begin()
      const second = await editor.newPage()
      await Promise.all([openDocument(first, session, ARTICLE_ID), openDocument(second, session, ARTICLE_ID)])

      const dek = 'Typed in the first tab'
      await field(first, 'dek').locator('textarea').fill(dek)
      await waitUntil(async () => (await field(second, 'dek').locator('textarea').inputValue()) === dek, 'the second tab shows the dek')

      const title = 'Retitled in the second tab'
      await field(second, 'title').locator('input').fill(title)
      await waitUntil(async () => (await field(first, 'title').locator('input').inputValue()) === title, 'the first tab shows the title')

      const draft = await waitForDocument(session, `drafts.${ARTICLE_ID}`, (doc) => doc?.title === title && doc?.dek === dek, 'both edits in the draft')
      expect(draft).toMatchObject({title, dek})
      await screenshot(first, 'two-tabs-first')
      await screenshot(second, 'two-tabs-second')
    },
    SCENARIO_TIMEOUT,
  )
  it(
    'creates a company with a unicorn profile through the custom valuation input',
    async () => {
      const page = await begin()
      await page.goto(session.url('/intent/create/type=company/'))
      await field(page, 'name').locator('input').waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      await field(page, 'name').locator('input').fill('Zhipu AI')
      await field(page, 'slug').getByRole('button', {name: 'Generate'}).click()
      await waitUntil(async () => (await field(page, 'slug').locator('input').inputValue()) === 'zhipu-ai', 'the slug is generated')

      await page.locator('[data-testid="group-tab-unicorn"]').click()
      await field(page, 'unicorn.status').locator('select').selectOption({label: 'Active unicorn'})
      const amount = field(page, 'unicorn.latestValuation.amount')
      await amount.locator('input').fill('2.5 billion')
      // The custom input echoes the amount in words so a slipped zero is obvious.
      await expect(amount.locator('[data-testid="amount-in-words"]').innerText()).resolves.toMatch(/2\.5 billion/)

      const draftQuery = '*[_type == "company" && name == "Zhipu AI" && _id in path("drafts.**")][0]'
      await waitUntil(async () => {
        const draft = await session.lake.fetch<Doc | null>(draftQuery, {}, {perspective: 'raw'})
        const unicorn = draft?.unicorn as {status?: string; latestValuation?: {amount?: number}} | undefined
        return unicorn?.status === 'active' && unicorn.latestValuation?.amount === 2_500_000_000
      }, 'the draft holds the parsed valuation')
      await screenshot(page, 'company-unicorn-draft')

      await publishAndWait(page)
      await waitUntil(
        async () => (await session.lake.fetch<number>('count(*[_type == "company" && slug.current == "zhipu-ai"])', {}, {perspective: 'published'})) === 1,
        'the company is published',
      )
      const published = await session.lake.fetch<Doc>('*[_type == "company" && slug.current == "zhipu-ai"][0]', {}, {perspective: 'published'})
      expect(published.unicorn).toMatchObject({status: 'active', latestValuation: {amount: 2_500_000_000}})
      await screenshot(page, 'company-unicorn-published')
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'uploads a hero image with alt text, stores it beside the dataset and shows it offline',
    async () => {
      const page = await begin()
      const image = join(tmpdir(), `hero-${process.pid}.png`)
      await writeFile(image, makePng(1200, 630))
      await openDocument(page, session, ARTICLE_ID)
      const hero = page.locator('[data-testid="field-actions-menu-heroImage"]').locator('xpath=ancestor::fieldset[1]')
      await hero.locator('input[type=file]').first().setInputFiles(image)

      const draftId = `drafts.${ARTICLE_ID}`
      const withAsset = await waitForDocument(
        session,
        draftId,
        (doc) => Boolean((doc?.heroImage as {asset?: {_ref?: string}} | undefined)?.asset?._ref),
        'the draft hero image to reference the upload',
      )
      const assetId = (withAsset!.heroImage as {asset: {_ref: string}}).asset._ref
      expect(assetId).toMatch(/^image-[0-9a-f]{40}-1200x630-png$/)
      const asset = await session.lake.getDocument(assetId)
      expect(asset).toMatchObject({_type: 'sanity.imageAsset', metadata: {dimensions: {width: 1200, height: 630}}})
      expect(String(asset!.url).startsWith(session.standIn.origin)).toBe(true)
      expect(existsSync(join(dirname(session.datasetFile), 'assets', `${asset!.sha1hash}-1200x630.png`))).toBe(true)

      const alt = 'Microsoft booth at a Shanghai trade fair'
      await field(page, 'heroImage.alt').locator('input').fill(alt)
      await waitForDocument(session, draftId, (doc) => (doc?.heroImage as {alt?: string} | undefined)?.alt === alt, 'the alt text in the draft')

      // The preview is served by the stand-in (image URLs are built from the apiHost), not Sanity's CDN.
      const preview = hero.locator('img').first()
      await preview.waitFor({timeout: 30_000})
      await waitUntil(async () => (await preview.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))) > 0, 'the image preview loads')
      expect(await preview.getAttribute('src')).toContain(`${session.standIn.origin}/images/`)
      await preview.scrollIntoViewIfNeeded()
      await screenshot(page, 'hero-image-uploaded')

      await publishAndWait(page)
      const published = await waitForDocument(session, ARTICLE_ID, (doc) => (doc?.heroImage as {alt?: string} | undefined)?.alt === alt, 'the published hero image')
      expect(published!.heroImage).toMatchObject({asset: {_ref: assetId}, alt})
    },
    SCENARIO_TIMEOUT,
  )
})
