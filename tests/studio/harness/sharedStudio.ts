/**
 * One Studio per scenario file: the Studio build and the seeded dataset are made once (cached across files),
 * and each file starts ONE stand-in on its own copy of the seed, ONE Chromium and ONE browser context. The
 * scenarios of a file run concurrently, each in its own tab on its own documents (copies of the bundled article,
 * see articleCopies.ts), so their 10–15 s settle waits overlap instead of adding up, and the Studio bundle is
 * loaded from the context's cache after the first tab. When the file ends, the check that the Studio called no
 * unknown API route that matters.
 */
import {afterAll, afterEach, beforeAll, expect} from 'vitest'
import type {Browser, Page} from 'playwright-core'

import {launchChromium, newEditorContext, screenshot, type EditorContext} from './browser'
import {ensureStudioBuilt, importedSeed, startStudioSession, type StudioSession} from './session'
import {routesThatMatter} from './unknownRoutes'

/** Generous: a file's tabs load the Studio one after the other on a busy two-core machine. */
export const SCENARIO_TIMEOUT = 600_000

export interface SharedStudio {
  readonly session: StudioSession
  readonly editor: EditorContext
  /** A new tab in the file's browser context (closed with the context when the file ends). */
  newPage(): Promise<Page>
}

export function useSharedStudio(): SharedStudio {
  let browser: Browser | undefined
  let session: StudioSession | undefined
  let editor: EditorContext | undefined

  beforeAll(async () => {
    // Slow only the first time (a Studio build, an import validated with Sanity's rules); run them together.
    const [, , launched] = await Promise.all([ensureStudioBuilt(), importedSeed(), launchChromium()])
    browser = launched
    session = await startStudioSession()
    editor = await newEditorContext(browser)
  }, 900_000)

  let failed = false
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return
    failed = true
    // What every open tab showed when the scenario failed (tabs of scenarios still running included).
    const pages = editor?.context.pages() ?? []
    await Promise.all(pages.map((page, index) => screenshot(page, `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}-tab${index}`).catch(() => undefined)))
  })

  afterAll(async () => {
    const unknown = session ? routesThatMatter(session.standIn.unknownRoutes) : []
    // The tabs' console errors, for diagnosing a failed scenario (the blocked public hosts always log some).
    if (failed) console.error('page errors:', editor?.pageErrors.slice(0, 30))
    await editor?.close()
    await browser?.close()
    await session?.close()
    expect(unknown, 'the Studio called API routes the stand-in does not implement').toEqual([])
  })

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the shared Studio is not started (beforeAll failed?)')
    return value
  }
  return {
    get session() {
      return started(session)
    },
    get editor() {
      return started(editor)
    },
    newPage: () => started(editor).newPage(),
  }
}
