/**
 * Small, Studio-specific steps the scenarios share: open a document pane, wait for the form, read what the
 * dataset holds. Selectors are the Studio's own `data-testid`s (`field-<path>`, `action-publish`).
 */
import type {Locator, Page} from 'playwright-core'

import type {Doc} from '../../../lake'
import type {StudioSession} from './session'

/**
 * The first load of the Studio bundle on a shared, busy two-core machine can take a while, the more so when a
 * file's scenarios load their tabs at the same time (each tab parses the bundle on its own).
 */
export const STUDIO_LOAD_TIMEOUT = 180_000

/** The "10–15 s after each action": how long scenarios wait before reading the settled state. */
export const SETTLE_MS = 12_000

export function documentPath(documentId: string, listPath = 'articles;all-articles'): string {
  return `/structure/${listPath};${documentId}`
}

/** Tabs of one file wait here to load the Studio one at a time (see openDocument). */
let loadingTab: Promise<unknown> = Promise.resolve()

/**
 * Opens a document in the tab and waits for its form. The scenarios of a file run at once, but their tabs load
 * the Studio one after the other: loading is CPU-bound, and on a loaded two-core machine three tabs parsing the
 * bundle together each take three times as long, so all of them can miss the load timeout at once.
 */
export async function openDocument(page: Page, session: StudioSession, documentId: string, listPath?: string): Promise<void> {
  const load = loadingTab.then(async () => {
    await page.goto(session.url(documentPath(documentId, listPath)), {timeout: STUDIO_LOAD_TIMEOUT})
    await page.locator('[data-testid="field-title"], [data-testid="field-name"]').first().waitFor({timeout: STUDIO_LOAD_TIMEOUT})
  })
  loadingTab = load.catch(() => undefined)
  await load
}

/**
 * Moves an already loaded Studio tab to another path the way its own links do (Sanity's router follows the
 * history API), instead of `page.goto`, which loads and starts the whole Studio again: in Chromium a Studio load
 * costs 10–20 CPU-s, a move inside it about 2.
 */
export async function navigateInStudio(page: Page, path: string): Promise<void> {
  await page.evaluate((target) => {
    history.pushState(null, '', target)
    dispatchEvent(new PopStateEvent('popstate', {state: null}))
  }, path)
}

/** Opens a desk item by clicking it in the pane that lists it, as an editor browses (no Studio reload). */
export async function clickDeskItem(page: Page, title: string): Promise<void> {
  await page.locator(`[data-testid="pane-item-${title}"]`).first().click()
}

export function field(page: Page, path: string): Locator {
  return page.locator(`[data-testid="field-${path}"]`)
}

/**
 * Polls the session's lake (the same instance the stand-in writes through) until `check` accepts the document.
 * These waits are for work to happen at all (a loaded two-core machine with several tabs can take tens of
 * seconds), not the settle time: the settled state is read SETTLE_MS after the action, whatever these waited.
 */
export async function waitForDocument(
  session: StudioSession,
  id: string,
  check: (doc: Doc | undefined) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<Doc | undefined> {
  const deadline = Date.now() + timeoutMs
  let doc = await session.lake.getDocument(id)
  while (!check(doc)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; ${id} is ${JSON.stringify(doc)?.slice(0, 400)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
    doc = await session.lake.getDocument(id)
  }
  return doc
}

/** Polls a condition in the page (the UI follows the listener asynchronously). */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * Clicks Publish once it is enabled and waits for the state the editor is left with, not the moment "Published"
 * flashes: the button no longer pressable (nothing left to publish), and still so SETTLE_MS later, because a pane
 * that falls back to its draft re-enables Publish seconds after the flash.
 */
export async function publishAndWait(page: Page): Promise<void> {
  const publish = page.locator('[data-testid="action-publish"]')
  // While the Studio shows its transient "Published" label the button has another test id.
  const pressable = async () => (await publish.count()) > 0 && (await publish.isEnabled())
  await waitUntil(pressable, 'Publish is enabled')
  await publish.click()
  await waitUntil(async () => !(await pressable()), 'Publish to go through', 60_000)
  await page.waitForTimeout(SETTLE_MS)
  if (await pressable()) throw new Error(`Publish is enabled again ${SETTLE_MS / 1000} s after publishing: the pane fell back to its draft`)
}
