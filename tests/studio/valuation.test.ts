/**
 * The real Studio, offline, in Chromium: the valuation input typed into character by character, as a person
 * types, in English and Chinese. While typing, the stored amount never changes (no prefix such as 2680 on the way
 * to 2680亿 is saved); leaving the field stores the whole amount. Text that is not an amount, here a currency that
 * contradicts the field's, leaves the amount alone, shows a validation error and blocks Publish until fixed.
 */
import {describe, expect, it} from 'vitest'

import type {Doc} from '../../lake'
import {hasChromium, screenshot, SKIP_REASON} from './harness/browser'
import {SCENARIO_TIMEOUT, useEditorSuite} from './harness/editorSuite'
import {publishEnabled, settle} from './harness/settledState'
import type {StudioSession} from './harness/session'
import {field, openDocument, STUDIO_LOAD_TIMEOUT, waitForDocument, waitUntil} from './harness/studioPage'

if (!hasChromium) console.warn(SKIP_REASON)

const COMPANY_ID = 'company.huawei'
const DRAFT_ID = `drafts.${COMPANY_ID}`

type Valuation = {amount?: number; currency?: string; unparsedAmount?: string}
const valuationOf = (doc: Doc | undefined) => (doc?.unicorn as {latestValuation?: Valuation} | undefined)?.latestValuation

/** Collects every stored amount while `during` runs (the lake is polled every 50 ms). */
async function storedAmountsDuring(session: StudioSession, during: () => Promise<void>): Promise<Set<number | undefined>> {
  const seen = new Set<number | undefined>()
  let done = false
  const poll = (async () => {
    while (!done) {
      seen.add(valuationOf((await session.lake.getDocument(DRAFT_ID)) ?? (await session.lake.getDocument(COMPANY_ID)))?.amount)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  try {
    await during()
  } finally {
    done = true
    await poll
  }
  return seen
}

describe.skipIf(!hasChromium)('offline Studio: the valuation input', () => {
  const suite = useEditorSuite()

  it(
    'stores the whole amount of every money form typed, never a prefix; a contradicting currency blocks Publish',
    async () => {
      const page = await suite.begin()
      await openDocument(page, suite.session, COMPANY_ID, 'company')
      await page.locator('[data-testid="group-tab-unicorn"]').click()
      const amount = field(page, 'unicorn.latestValuation.amount')
      const input = amount.locator('input')
      await input.waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      const currency = field(page, 'unicorn.latestValuation.currency').locator('select')
      // Currency options name the currency, not "Usd".
      expect(await currency.locator('option').allInnerTexts()).toContain('USD — US dollar')

      const typeAmount = async (text: string) => {
        await input.click()
        await input.press('Control+A')
        await input.press('Backspace')
        await page.keyboard.type(text, {delay: 60})
        await input.press('Tab')
      }

      let previous = valuationOf(await suite.session.lake.getDocument(COMPANY_ID))?.amount
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
        const seen = await storedAmountsDuring(suite.session, async () => {
          await typeAmount(text)
          await waitForDocument(suite.session, DRAFT_ID, (doc) => valuationOf(doc)?.amount === expected, `${text} stored as ${expected}`)
        })
        expect([...seen].every((value) => value === previous || value === expected), `while typing ${text}: stored ${[...seen].join(', ')}`).toBe(true)
        previous = expected
      }
      expect(await amount.locator('[data-testid="amount-in-words"]').innerText()).toBe('US$268 billion · 2680亿美元')
      await screenshot(page, 'valuation-typed-usd')

      await currency.selectOption({label: 'CNY — Chinese yuan (renminbi)'})
      await waitForDocument(suite.session, DRAFT_ID, (doc) => valuationOf(doc)?.currency === 'CNY', 'the currency set to CNY')
      await typeAmount('1.2万亿元')
      await waitForDocument(suite.session, DRAFT_ID, (doc) => valuationOf(doc)?.amount === 1.2e12, '1.2万亿元 stored')
      expect(await amount.locator('[data-testid="amount-in-words"]').innerText()).toBe('CN¥1.2 trillion · 1.2万亿元')

      // Dollars typed into a yuan field: the amount stays, the document carries an error, Publish is blocked.
      await typeAmount('US$300bn')
      const blocked = await waitForDocument(suite.session, DRAFT_ID, (doc) => valuationOf(doc)?.unparsedAmount === 'US$300bn', 'the unreadable text kept beside the amount')
      expect(valuationOf(blocked)?.amount, 'the stored amount is unchanged').toBe(1.2e12)
      await settle(page)
      expect(await amount.getByRole('alert').innerText()).toMatch(/USD.*currency field is CNY/)
      await amount.locator('[data-testid="input-validation-icon-error"]').first().waitFor({timeout: 30_000})
      expect(await publishEnabled(page), 'Publish is blocked by the validation error').toBe(false)
      await screenshot(page, 'valuation-contradicting-currency')

      // Fixing the text stores it and lifts the block.
      await typeAmount('2680亿')
      await waitForDocument(suite.session, DRAFT_ID, (doc) => valuationOf(doc)?.amount === 268e9 && valuationOf(doc)?.unparsedAmount === undefined, 'the fixed amount')
      await waitUntil(async () => publishEnabled(page), 'Publish is enabled again', 60_000)
      await screenshot(page, 'valuation-fixed')
    },
    SCENARIO_TIMEOUT,
  )
})
