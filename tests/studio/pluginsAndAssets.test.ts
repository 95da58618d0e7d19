/**
 * The real Studio, offline, in Chromium: the unicornStats plugin's custom valuation input, on a new company
 * (created in the Studio: its chips show a draft, then a published document) and typed into character by
 * character in English and Chinese; and a hero image upload stored beside the dataset and shown from the
 * stand-in instead of Sanity's CDN. The scenarios share one Studio and run at once, each on its own document.
 */
import {existsSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {describe, expect, it} from 'vitest'

import type {Doc} from '../../lake'
import {publishedArticleCopy} from './harness/articleCopies'
import {hasChromium, screenshot, SKIP_REASON} from './harness/browser'
import {makePng} from './harness/pngFixture'
import {publishEnabled, settle} from './harness/settledState'
import {SCENARIO_TIMEOUT, useSharedStudio} from './harness/sharedStudio'
import {DRAFT_ONLY, PUBLISHED_NO_DRAFT, statusChips} from './harness/statusChips'
import {field, openDocument, publishAndWait, STUDIO_LOAD_TIMEOUT, waitForDocument, waitUntil} from './harness/studioPage'
import {storedAmountsDuring, typeAmount, valuationOf} from './harness/valuationTyping'

if (!hasChromium) console.warn(SKIP_REASON)

const COMPANY_ID = 'company.huawei'
const DRAFT_ID = `drafts.${COMPANY_ID}`

describe.skipIf(!hasChromium)('offline Studio: plugin input and images', {concurrent: true}, () => {
  const studio = useSharedStudio()

  it(
    'creates a company with a unicorn profile through the custom valuation input; the chips show a draft, then a published company',
    async () => {
      const {session} = studio
      const page = await studio.newPage()
      await page.goto(session.url('/intent/create/type=company/'))
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
        const draft = await session.lake.fetch<Doc | null>(draftQuery, {}, {perspective: 'raw'})
        const unicorn = draft?.unicorn as {status?: string; latestValuation?: {amount?: number}} | undefined
        return unicorn?.status === 'active' && unicorn.latestValuation?.amount === 2_500_000_000
      }, 'the draft holds the parsed valuation')
      await settle(page)
      expect(await statusChips(page), 'chips of the newly created company').toMatchObject(DRAFT_ONLY)
      await screenshot(page, 'company-unicorn-draft')

      await publishAndWait(page)
      await waitUntil(
        async () => (await session.lake.fetch<number>('count(*[_type == "company" && slug.current == "zhipu-ai"])', {}, {perspective: 'published'})) === 1,
        'the company is published',
      )
      const published = await session.lake.fetch<Doc>('*[_type == "company" && slug.current == "zhipu-ai"][0]', {}, {perspective: 'published'})
      expect(published.unicorn).toMatchObject({status: 'active', latestValuation: {amount: 2_500_000_000}})
      expect(await statusChips(page), 'chips after publishing the new company').toMatchObject(PUBLISHED_NO_DRAFT)
      await screenshot(page, 'company-unicorn-published')
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'uploads a hero image with alt text, stores it beside the dataset and shows it offline',
    async () => {
      const {session} = studio
      const article = await publishedArticleCopy(session, 'hero-image-upload', 'Microsoft health cloud (hero image)')
      const page = await studio.newPage()
      const image = join(tmpdir(), `hero-${process.pid}.png`)
      await writeFile(image, makePng(1200, 630))
      await openDocument(page, session, article.id)
      const hero = page.locator('[data-testid="field-actions-menu-heroImage"]').locator('xpath=ancestor::fieldset[1]')
      await hero.locator('input[type=file]').first().setInputFiles(image)

      const draftId = `drafts.${article.id}`
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
      await preview.waitFor({timeout: 90_000})
      await waitUntil(async () => (await preview.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))) > 0, 'the image preview loads')
      expect(await preview.getAttribute('src')).toContain(`${session.standIn.origin}/images/`)
      await preview.scrollIntoViewIfNeeded()
      await screenshot(page, 'hero-image-uploaded')

      await publishAndWait(page)
      const published = await waitForDocument(session, article.id, (doc) => (doc?.heroImage as {alt?: string} | undefined)?.alt === alt, 'the published hero image')
      expect(published!.heroImage).toMatchObject({asset: {_ref: assetId}, alt})
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'stores the whole amount of every money form typed, never a prefix; a contradicting currency blocks Publish',
    async () => {
      const {session} = studio
      const page = await studio.newPage()
      await openDocument(page, session, COMPANY_ID, 'company')
      await page.locator('[data-testid="group-tab-unicorn"]').click()
      const amount = field(page, 'unicorn.latestValuation.amount')
      const input = amount.locator('input')
      await input.waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      const currency = field(page, 'unicorn.latestValuation.currency').locator('select')
      // Currency options name the currency, not "Usd".
      expect(await currency.locator('option').allInnerTexts()).toContain('USD — US dollar')

      let previous = valuationOf(await session.lake.getDocument(COMPANY_ID))?.amount
      const usdForms: [string, number][] = [
        ['2680亿', 268e9],
        ['2.5m', 2.5e6],
        ['2680亿美元', 268e9],
        ['3,500万', 3.5e7],
        ['US$268bn', 268e9],
        ['268bn', 268e9],
        ['$268 billion', 268e9],
      ]
      for (const [text, expected] of usdForms) {
        const seen = await storedAmountsDuring(session, COMPANY_ID, async () => {
          await typeAmount(page, input, text)
          await waitForDocument(session, DRAFT_ID, (doc) => valuationOf(doc)?.amount === expected, `${text} stored as ${expected}`)
        })
        expect([...seen].every((value) => value === previous || value === expected), `while typing ${text}: stored ${[...seen].join(', ')}`).toBe(true)
        previous = expected
      }
      expect(await amount.locator('[data-testid="amount-in-words"]').innerText()).toBe('US$268 billion · 2680亿美元')
      await screenshot(page, 'valuation-typed-usd')

      await currency.selectOption({label: 'CNY — Chinese yuan (renminbi)'})
      await waitForDocument(session, DRAFT_ID, (doc) => valuationOf(doc)?.currency === 'CNY', 'the currency set to CNY')
      await typeAmount(page, input, '1.2万亿元')
      await waitForDocument(session, DRAFT_ID, (doc) => valuationOf(doc)?.amount === 1.2e12, '1.2万亿元 stored')
      expect(await amount.locator('[data-testid="amount-in-words"]').innerText()).toBe('CN¥1.2 trillion · 1.2万亿元')

      // Dollars typed into a yuan field: the amount stays, the document carries an error, Publish is blocked.
      await typeAmount(page, input, 'US$300bn')
      const blocked = await waitForDocument(session, DRAFT_ID, (doc) => valuationOf(doc)?.unparsedAmount === 'US$300bn', 'the unreadable text kept beside the amount')
      expect(valuationOf(blocked)?.amount, 'the stored amount is unchanged').toBe(1.2e12)
      await settle(page)
      expect(await amount.getByRole('alert').innerText()).toMatch(/USD.*currency field is CNY/)
      await amount.locator('[data-testid="input-validation-icon-error"]').first().waitFor({timeout: 90_000})
      expect(await publishEnabled(page), 'Publish is blocked by the validation error').toBe(false)
      await screenshot(page, 'valuation-contradicting-currency')

      // Fixing the text stores it and lifts the block.
      await typeAmount(page, input, '2680亿')
      await waitForDocument(session, DRAFT_ID, (doc) => valuationOf(doc)?.amount === 268e9 && valuationOf(doc)?.unparsedAmount === undefined, 'the fixed amount')
      await waitUntil(async () => publishEnabled(page), 'Publish is enabled again', 60_000)
      await screenshot(page, 'valuation-fixed')
    },
    SCENARIO_TIMEOUT,
  )
})
