/**
 * The hooks every browser scenario file shares: build the Studio and seed the dataset once, one Chromium per
 * file, a fresh stand-in session and browser context per scenario, and after each scenario the check that the
 * Studio called no unknown API route that matters.
 */
import {afterAll, afterEach, beforeAll, expect} from 'vitest'
import type {Browser, Page} from 'playwright-core'

import {launchChromium, newEditorContext, type EditorContext} from './browser'
import {ensureStudioBuilt, importedSeed, startStudioSession, type StudioSession} from './session'
import {routesThatMatter} from './unknownRoutes'

/** Generous: the first Studio load on a busy two-core CI machine takes tens of seconds. */
export const SCENARIO_TIMEOUT = 240_000
export const ARTICLE_SLUG = 'microsoft-claws-back-chinese-market'

export interface EditorSuite {
  /** Starts a session on a fresh copy of the seeded dataset and opens a page in a fresh context. */
  begin(): Promise<Page>
  readonly session: StudioSession
  readonly editor: EditorContext
}

export function useEditorSuite(): EditorSuite {
  let browser: Browser
  let session: StudioSession | undefined
  let editor: EditorContext | undefined

  beforeAll(async () => {
    // Both are slow the first time (a Studio build, an import validated with Sanity's rules); run them together.
    await Promise.all([ensureStudioBuilt(), importedSeed()])
    browser = await launchChromium()
  }, 900_000)

  afterAll(async () => {
    await browser?.close()
  })

  afterEach(async (context) => {
    const unknown = session ? routesThatMatter(session.standIn.unknownRoutes) : []
    if (context.task.result?.state === 'fail') console.error('page errors:', editor?.pageErrors.slice(0, 30))
    await editor?.close()
    await session?.close()
    session = undefined
    editor = undefined
    expect(unknown, 'the Studio called API routes the stand-in does not implement').toEqual([])
  })

  return {
    async begin() {
      session = await startStudioSession()
      editor = await newEditorContext(browser)
      return editor.newPage()
    },
    get session() {
      if (!session) throw new Error('call begin() first')
      return session
    },
    get editor() {
      if (!editor) throw new Error('call begin() first')
      return editor
    },
  }
}
