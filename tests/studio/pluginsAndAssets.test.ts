/**
 * The real Studio, offline, in Chromium: the unicornStats plugin's custom valuation input on a new company, and
 * a hero image upload stored beside the dataset and shown from the stand-in instead of Sanity's CDN.
 */
import {existsSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {describe, expect, it} from 'vitest'

import type {Doc} from '../../lake'
import {hasChromium, screenshot, SKIP_REASON} from './harness/browser'
import {SCENARIO_TIMEOUT, useEditorSuite} from './harness/editorSuite'
import {makePng} from './harness/pngFixture'
import {ARTICLE_ID} from './harness/session'
import {field, openDocument, publishAndWait, STUDIO_LOAD_TIMEOUT, waitForDocument, waitUntil} from './harness/studioPage'

if (!hasChromium) console.warn(SKIP_REASON)

describe.skipIf(!hasChromium)('offline Studio: plugin input and images', () => {
  const suite = useEditorSuite()

  it(
    'creates a company with a unicorn profile through the custom valuation input',
    async () => {
      const page = await suite.begin()
      await page.goto(suite.session.url('/intent/create/type=company/'))
      await field(page, 'name').locator('input').waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      await field(page, 'name').locator('input').fill('Zhipu AI')
      await field(page, 'slug').getByRole('button', {name: 'Generate'}).click()
      await waitUntil(async () => (await field(page, 'slug').locator('input').inputValue()) === 'zhipu-ai', 'the slug is generated')

      await page.locator('[data-testid="group-tab-unicorn"]').click()
      await field(page, 'unicorn.status').locator('select').selectOption({label: 'Active unicorn'})
      const amount = field(page, 'unicorn.latestValuation.amount')
      await amount.locator('input').fill('2.5 billion')
      // The input stores whole amounts only, when the editor leaves the field (or presses Enter).
      await amount.locator('input').press('Tab')
      // The custom input echoes the amount in words so a slipped zero is obvious.
      await expect(amount.locator('[data-testid="amount-in-words"]').innerText()).resolves.toMatch(/2\.5 billion/)

      const draftQuery = '*[_type == "company" && name == "Zhipu AI" && _id in path("drafts.**")][0]'
      await waitUntil(async () => {
        const draft = await suite.session.lake.fetch<Doc | null>(draftQuery, {}, {perspective: 'raw'})
        const unicorn = draft?.unicorn as {status?: string; latestValuation?: {amount?: number}} | undefined
        return unicorn?.status === 'active' && unicorn.latestValuation?.amount === 2_500_000_000
      }, 'the draft holds the parsed valuation')
      await screenshot(page, 'company-unicorn-draft')

      await publishAndWait(page)
      await waitUntil(
        async () => (await suite.session.lake.fetch<number>('count(*[_type == "company" && slug.current == "zhipu-ai"])', {}, {perspective: 'published'})) === 1,
        'the company is published',
      )
      const published = await suite.session.lake.fetch<Doc>('*[_type == "company" && slug.current == "zhipu-ai"][0]', {}, {perspective: 'published'})
      expect(published.unicorn).toMatchObject({status: 'active', latestValuation: {amount: 2_500_000_000}})
      await screenshot(page, 'company-unicorn-published')
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'uploads a hero image with alt text, stores it beside the dataset and shows it offline',
    async () => {
      const page = await suite.begin()
      const image = join(tmpdir(), `hero-${process.pid}.png`)
      await writeFile(image, makePng(1200, 630))
      await openDocument(page, suite.session, ARTICLE_ID)
      const hero = page.locator('[data-testid="field-actions-menu-heroImage"]').locator('xpath=ancestor::fieldset[1]')
      await hero.locator('input[type=file]').first().setInputFiles(image)

      const draftId = `drafts.${ARTICLE_ID}`
      const withAsset = await waitForDocument(
        suite.session,
        draftId,
        (doc) => Boolean((doc?.heroImage as {asset?: {_ref?: string}} | undefined)?.asset?._ref),
        'the draft hero image to reference the upload',
      )
      const assetId = (withAsset!.heroImage as {asset: {_ref: string}}).asset._ref
      expect(assetId).toMatch(/^image-[0-9a-f]{40}-1200x630-png$/)
      const asset = await suite.session.lake.getDocument(assetId)
      expect(asset).toMatchObject({_type: 'sanity.imageAsset', metadata: {dimensions: {width: 1200, height: 630}}})
      expect(String(asset!.url).startsWith(suite.session.standIn.origin)).toBe(true)
      expect(existsSync(join(dirname(suite.session.datasetFile), 'assets', `${asset!.sha1hash}-1200x630.png`))).toBe(true)

      const alt = 'Microsoft booth at a Shanghai trade fair'
      await field(page, 'heroImage.alt').locator('input').fill(alt)
      await waitForDocument(suite.session, draftId, (doc) => (doc?.heroImage as {alt?: string} | undefined)?.alt === alt, 'the alt text in the draft')

      // The preview is served by the stand-in (image URLs are built from the apiHost), not Sanity's CDN.
      const preview = hero.locator('img').first()
      await preview.waitFor({timeout: 30_000})
      await waitUntil(async () => (await preview.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))) > 0, 'the image preview loads')
      expect(await preview.getAttribute('src')).toContain(`${suite.session.standIn.origin}/images/`)
      await preview.scrollIntoViewIfNeeded()
      await screenshot(page, 'hero-image-uploaded')

      await publishAndWait(page)
      const published = await waitForDocument(suite.session, ARTICLE_ID, (doc) => (doc?.heroImage as {alt?: string} | undefined)?.alt === alt, 'the published hero image')
      expect(published!.heroImage).toMatchObject({asset: {_ref: assetId}, alt})
    },
    SCENARIO_TIMEOUT,
  )
})
