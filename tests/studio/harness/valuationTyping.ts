/**
 * The valuation input as a person uses it: clear the field, type the text a key at a time, leave the field.
 * And a watch on the stored amount while that happens (the dataset is polled every 50 ms), so a scenario can
 * assert that no prefix (2680 on the way to 2680亿) was ever saved.
 */
import type {Locator, Page} from 'playwright-core'

import type {Doc} from '../../../lake'
import type {StudioSession} from './session'

export type Valuation = {amount?: number; currency?: string; unparsedAmount?: string}

export const valuationOf = (doc: Doc | undefined): Valuation | undefined =>
  (doc?.unicorn as {latestValuation?: Valuation} | undefined)?.latestValuation

/** Types `text` into the amount input at 60 ms per key, then Tab (the input commits whole amounts on leaving). */
export async function typeAmount(page: Page, input: Locator, text: string): Promise<void> {
  await input.click()
  await input.press('Control+A')
  await input.press('Backspace')
  await page.keyboard.type(text, {delay: 60})
  await input.press('Tab')
}

/** Every amount stored for the company (its draft, else the published version) while `during` runs. */
export async function storedAmountsDuring(session: StudioSession, companyId: string, during: () => Promise<void>): Promise<Set<number | undefined>> {
  const seen = new Set<number | undefined>()
  let done = false
  const poll = (async () => {
    while (!done) {
      seen.add(valuationOf((await session.lake.getDocument(`drafts.${companyId}`)) ?? (await session.lake.getDocument(companyId)))?.amount)
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
