/**
 * Debian's Chromium driven by playwright-core (Playwright cannot download its own browser here). Each scenario
 * gets a fresh context; every request to a host other than the loopback stand-in (Sanity's CDN bridge, fonts,
 * version checks) fails and is recorded, so the tests prove the Studio works with no network.
 *
 * What it costs is Chromium's CPU, most of a browser test's, so:
 * - hosts other than loopback are refused by Chromium's own resolver (`--host-resolver-rules`), not by a
 *   Playwright route: a route sends every request of the Studio (each bundle chunk, query and listener event)
 *   through the test process and back.
 */
import {existsSync} from 'node:fs'
import {mkdir} from 'node:fs/promises'
import {join} from 'node:path'

import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM_PATH)
export const SKIP_REASON = `Studio browser tests skipped: ${CHROMIUM_PATH} not found (install it with \`apt-get install -y chromium\`; .ci/run does).`

export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'artifacts', 'studio')

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      '--disable-quic',
      `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.0.0.1`,
    ],
  })
}

function isLoopback(url: string): boolean {
  const {hostname, protocol} = new URL(url)
  if (protocol === 'data:' || protocol === 'blob:') return true
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1'
}

export interface EditorContext {
  context: BrowserContext
  /** Hosts the Studio tried to reach and the test blocked (expected: Sanity's public hosts only). */
  blockedHosts: Set<string>
  /** Console errors and uncaught page errors, for diagnosing a failed scenario. */
  pageErrors: string[]
  newPage(): Promise<Page>
  close(): Promise<void>
}

export async function newEditorContext(browser: Browser): Promise<EditorContext> {
  const context = await browser.newContext({ignoreHTTPSErrors: true, viewport: {width: 1440, height: 900}})
  // A loaded two-core machine with several Studio tabs takes far longer than Playwright's 30 s to load a page,
  // and a click waits for the tab's busy main thread to take the event (seen: >30 s at load 23).
  context.setDefaultNavigationTimeout(180_000)
  context.setDefaultTimeout(90_000)
  const blockedHosts = new Set<string>()
  const pageErrors: string[] = []
  context.on('requestfailed', (request) => {
    if (!isLoopback(request.url())) blockedHosts.add(new URL(request.url()).hostname)
  })
  return {
    context,
    blockedHosts,
    pageErrors,
    async newPage() {
      const page = await context.newPage()
      page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`)
      })
      // Which request failed: the console only says "Failed to load resource".
      page.on('response', (response) => {
        if (response.status() >= 400) pageErrors.push(`response: ${response.status()} ${response.request().method()} ${response.url()}`)
      })
      return page
    },
    close: () => context.close(),
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, {recursive: true})
  const path = join(ARTIFACTS_DIR, `${name}.png`)
  await page.screenshot({path, fullPage: false})
  return path
}
