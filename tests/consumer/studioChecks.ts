/**
 * What a consumer's Studio must show in Chromium on the stand-in: China Desk's desk, the imported article open
 * in its form, and the article listed by the Studio's own global search (Sanity 6: the `groq2024` strategy,
 * `text::query()`), still listed once the Studio has settled.
 */
import type {Page} from 'playwright-core'
import {expect} from 'vitest'

import {documentPath, field, navigateInStudio, STUDIO_LOAD_TIMEOUT} from '../studio/harness/studioPage'

/** Long enough for the Studio's debounced search, listeners and previews to have settled. */
const SETTLE_MS = 12_000

/**
 * `loadTimeout`: how long the Studio may take to render; a dev server compiles modules on first request, so it
 * gets longer than a built Studio. Navigation only waits for the response: the desk appearing is the signal.
 */
export async function expectDeskAndArticle(page: Page, origin: string, articleId: string, title: string, loadTimeout = STUDIO_LOAD_TIMEOUT): Promise<void> {
  await page.goto(`${origin}/structure`, {waitUntil: 'commit', timeout: loadTimeout})
  const desk = page.locator('[data-testid="structure-tool-list-pane"]').first()
  await desk.waitFor({timeout: loadTimeout})
  for (const section of ['Articles', 'Companies', 'Regulations']) {
    await expect(desk.getByText(section, {exact: true}).count()).resolves.toBe(1)
  }
  // Inside the loaded Studio, as its links move (a second page load would start the whole Studio again).
  await navigateInStudio(page, documentPath(articleId))
  const input = field(page, 'title').locator('input')
  await input.waitFor({timeout: loadTimeout})
  await expect(input.inputValue()).resolves.toBe(title)
}

/** A word of the title as a reader would type it: its first Latin word, else its first two characters. */
export function searchWordOf(title: string): string {
  return title.match(/[A-Za-z]{4,}/)?.[0] ?? title.slice(0, 2)
}

export async function expectGlobalSearchLists(page: Page, word: string, title: string): Promise<void> {
  await page.locator('[data-testid="studio-search"]').first().click()
  await page.keyboard.type(word, {delay: 60})
  const results = page.locator('[data-testid="search-results"]')
  const hit = results.getByText(title, {exact: true}).first()
  await hit.waitFor({timeout: STUDIO_LOAD_TIMEOUT})
  await page.waitForTimeout(SETTLE_MS)
  await expect(hit.isVisible(), `"${title}" still listed for "${word}" after ${SETTLE_MS / 1000} s`).resolves.toBe(true)
  await expect(results.getByText(title, {exact: true}).count()).resolves.toBe(1)
}
