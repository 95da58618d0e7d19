/**
 * What an editor is left with once an action has settled: the scenarios wait SETTLE_MS after each action (the
 * Studio's listener, its optimistic copy and the server must agree by then) and read the pane as it stands,
 * rather than the moment a label flashes. Also the document menu's actions (Discard changes, Unpublish, Delete)
 * with their confirmation dialogs.
 */
import type {Page} from 'playwright-core'

import type {StudioSession} from './session'
import {SETTLE_MS, waitUntil} from './studioPage'

export {SETTLE_MS} from './studioPage'

export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(SETTLE_MS)
}

/** Whether the pane's Publish button can be pressed (false when the document has nothing to publish). */
export async function publishEnabled(page: Page): Promise<boolean> {
  return page.locator('[data-testid="action-publish"]').isEnabled()
}

/** Whether the last document list pane (the list beside the open document) shows a document titled `title`. */
export async function listShows(page: Page, title: string): Promise<boolean> {
  const pane = page.locator('[data-testid="document-list-pane"]').last()
  // The preview header holds the title followed by the subtitle.
  const headers = await pane.locator('[data-testid="default-preview__header"]').allInnerTexts()
  return headers.some((text) => text.trim().startsWith(title))
}

/** How many documents the last document list pane shows. */
export async function listLength(page: Page): Promise<number> {
  return page.locator('[data-testid="document-list-pane"]').last().locator('[data-testid="default-preview__header"]').count()
}

/** Clicks Publish once enabled; the caller then settles and checks. */
export async function clickPublish(page: Page): Promise<void> {
  const publish = page.locator('[data-testid="action-publish"]')
  await waitUntil(async () => publish.isEnabled(), 'Publish is enabled')
  await publish.click()
}

/** Presses the confirming button of the dialog an action opened. */
export async function confirmDialog(page: Page, confirm: RegExp): Promise<void> {
  // The confirm dialogs check references first; their buttons appear once that is done.
  const button = page.getByRole('button', {name: confirm}).last()
  await button.waitFor({timeout: 90_000})
  await waitUntil(async () => button.isEnabled(), `the ${confirm} confirmation can be pressed`)
  await button.click()
}

/** Runs an action from the document's "…" menu (Discard changes, Delete) and confirms its dialog. */
export async function runMenuAction(page: Page, action: string, confirm: RegExp): Promise<void> {
  await page.locator('[data-testid="action-menu-button"]').last().click()
  await page.getByRole('menuitem', {name: new RegExp(action)}).click()
  await confirmDialog(page, confirm)
}

/**
 * Unpublish: in Sanity 5 it is the primary action of the document's published view (the "Published" chip in the
 * pane header), not a menu item of the draft view.
 */
export async function unpublish(page: Page): Promise<void> {
  await page.locator('[data-testid="document-header-Published-chip"]').click()
  const button = page.locator('[data-testid="action-unpublish"]')
  await waitUntil(async () => button.isEnabled(), 'Unpublish is enabled')
  await button.click()
  await confirmDialog(page, /Unpublish now|Unpublish anyway/)
}

/** The raw documents of a published id and its draft, as stored. */
export async function storedPair(session: StudioSession, publishedId: string) {
  const [published, draft] = await Promise.all([session.lake.getDocument(publishedId), session.lake.getDocument(`drafts.${publishedId}`)])
  return {published, draft}
}
