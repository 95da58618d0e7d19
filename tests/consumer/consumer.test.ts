/**
 * The package in someone else's Studio, twice: a scratch Studio on Sanity 5.31.2 (this Node, 20) and one on
 * Sanity 6.9.2 (Node 24 from the npm registry), each a plain `npm install` of this package's `npm pack` tarball.
 * Each lane checks one copy of the Studio runtime in the tree and a successful `sanity build`; the Sanity 5 lane
 * also type-checks a front end and bundles the queries entry. The Sanity 6 Studio is opened in Chromium on the
 * stand-in twice: built (desk, imported article, and Sanity 6's default global search listing the article) and
 * under `sanity dev`, where React strict mode is on (read from React's fiber tree), with no console error from
 * china-desk. Installs and builds are cached per machine while their inputs are unchanged (`scratchProject.ts`,
 * `cachedBuild.ts`). The CPU-heavy steps (builds, the dev server) run one after the other in this file; only
 * the Sanity 6 install and Node 24 download (mostly network) start early, beside the Sanity 5 lane.
 */
import {copyFile, mkdtemp, readdir, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {build} from 'esbuild'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {startStandIn, type RunningStandIn} from '../../lake/server'
import {packedTarball} from '../packaging/packedTarball'
import {hasChromium, launchChromium, newEditorContext, screenshot, SKIP_REASON, type EditorContext} from '../studio/harness/browser'
import {ARTICLE_ID, importedSeed} from '../studio/harness/session'
import {routesThatMatter} from '../studio/harness/unknownRoutes'
import {buildStudioOnce} from './cachedBuild'
import {freePort, startDevStudio, type DevStudio} from './devStudio'
import {installedCopies, resolvedCopy} from './installedCopies'
import {ensureNode24} from './node24'
import {readStrictMode, recordReactRoots} from './reactStrictMode'
import {expectDeskAndArticle, expectGlobalSearchLists, searchWordOf} from './studioChecks'
import {CONSUMER_CACHE, createScratchStudio, SCRATCH_PROJECT_ID, type ScratchProject, type StudioLane} from './scratchProject'

if (!hasChromium) console.warn(SKIP_REASON)

const INSTALL_TIMEOUT = 900_000
const BUILD_TIMEOUT = 600_000
/** The dev server compiles the Studio's modules on the first page load (Vite caches them for later runs). */
const DEV_LOAD_TIMEOUT = 240_000

// Studio and React packages, and what only the local lake uses (its storage and mutation engine).
const STUDIO_OR_LAKE_PACKAGES =
  /node_modules\/(sanity|react|react-dom|styled-components|@sanity\/ui|@sanity\/icons|@sanity\/mutator|mendoza|selfsigned)\//

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10

/**
 * One copy of each Studio runtime package, and china-desk brings none of its own. `@sanity/icons` is the
 * exception Sanity itself makes (Sanity 5 depends on icons 3 beside @sanity/ui's icons 5; Sanity 6.9.2 nests an
 * icons 3 under @sanity-labs/ui-poc): there china-desk must use the copy @sanity/ui uses.
 */
function expectOneStudioRuntime(scratch: ScratchProject): void {
  for (const name of ['react', 'react-dom', 'styled-components', '@sanity/ui']) {
    expect(installedCopies(scratch.dir, name).map((copy) => copy.path), `copies of ${name}`).toEqual([`node_modules/${name}`])
  }
  const icons = installedCopies(scratch.dir, '@sanity/icons')
  expect(icons.filter((copy) => copy.path.startsWith('node_modules/china-desk/')), 'icons nested under china-desk').toEqual([])
  expect(resolvedCopy(scratch.dir, 'china-desk', '@sanity/icons')).toBe(resolvedCopy(scratch.dir, '@sanity/ui', '@sanity/icons'))
  console.log(`@sanity/icons copies: ${icons.map((copy) => `${copy.path}@${copy.version}`).join(', ')}`)
}

async function buildStudio(scratch: ScratchProject, lane: string): Promise<void> {
  const result = await buildStudioOnce(scratch)
  console.log(`${lane}: sanity build ${result.built ? `${result.seconds.toFixed(1)} s` : 'skipped: this machine built the same inputs before'}`)
}

const installReport = (lane: string, scratch: ScratchProject) =>
  console.log(`${lane}: npm install ${scratch.installSeconds.toFixed(1)} s (${scratch.install === 'fresh' ? 'fresh' : scratch.install === 'new tarball' ? 'cached tree, new tarball' : 'cached tree, same tarball: no npm'})`)

/** Node 24 and the Sanity 6 install: started with the Sanity 5 lane, as they mostly wait for the registry. */
let sanity6: Promise<ScratchProject> | undefined
function prepareSanity6(): Promise<ScratchProject> {
  sanity6 ??= (async () => {
    const started = performance.now()
    const nodeBinDir = await ensureNode24(CONSUMER_CACHE)
    console.log(`sanity6: Node 24 ready in ${seconds(started)} s`)
    return createScratchStudio({name: 'sanity6', sanity: '6.9.2', nodeBinDir}, await packedTarball())
  })()
  // Awaited by the Sanity 6 lane; this only keeps a failure from being reported twice.
  sanity6.catch(() => undefined)
  return sanity6
}

describe('china-desk in a Sanity 5.31.2 Studio (Node 20)', () => {
  let scratch: ScratchProject

  beforeAll(async () => {
    const lane: StudioLane = {name: 'sanity5', sanity: '5.31.2', extraDependencies: {typescript: '5.9.3'}}
    const tarball = await packedTarball()
    void prepareSanity6()
    scratch = await createScratchStudio(lane, tarball)
    installReport('sanity5', scratch)
  }, INSTALL_TIMEOUT)

  it('installs with one copy of the Studio runtime', () => expectOneStudioRuntime(scratch))

  it('type-checks a front end that runs a typed query with @sanity/client', async () => {
    await expect(scratch.exec('tsc', ['-p', 'tsconfig.json'])).resolves.toBeDefined()
  }, 180_000)

  it('keeps the queries entry free of Studio and lake code at run time', async () => {
    // Resolved through the installed package's `exports`, as a front end's bundler would.
    const result = await build({
      stdin: {contents: "export * from 'china-desk/queries'", resolveDir: scratch.dir, loader: 'ts'},
      bundle: true,
      write: false,
      metafile: true,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    })
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.some((input) => input.endsWith('china-desk/lib/queries.js'))).toBe(true)
    expect(inputs.filter((input) => STUDIO_OR_LAKE_PACKAGES.test(input) || input.endsWith('china-desk/lib/lake.js'))).toEqual([])
  }, 120_000)

  it('builds a Studio whose config adds only chinaDesk()', () => buildStudio(scratch, 'sanity5'), BUILD_TIMEOUT)
})

describe('china-desk in a Sanity 6.9.2 Studio (Node 24)', () => {
  let scratch: ScratchProject
  let article: {title: string}
  let lake: LocalLake | undefined
  let standIn: RunningStandIn | undefined
  let browser: Browser | undefined
  let dataDir: string | undefined
  /** Chosen before the stand-in starts, which must list the dev server's origin for CORS. */
  let devPort: number

  beforeAll(async () => {
    scratch = await prepareSanity6()
    installReport('sanity6', scratch)
    if (!hasChromium) return
    const seed = await importedSeed()
    dataDir = await mkdtemp(join(tmpdir(), 'china-desk-consumer-data-'))
    for (const file of await readdir(seed)) if (file.startsWith('production.ndjson')) await copyFile(join(seed, file), join(dataDir, file))
    const datasetFile = join(dataDir, 'production.ndjson')
    lake = await LocalLake.open(datasetFile)
    const stored = await lake.getDocument(ARTICLE_ID)
    expect(stored?.title, 'the imported article').toEqual(expect.any(String))
    article = {title: stored!.title as string}
    devPort = await freePort()
    standIn = await startStandIn({
      lake,
      datasetFile,
      projectId: SCRATCH_PROJECT_ID,
      studioDir: join(scratch.dir, 'dist'),
      corsOrigins: [`http://127.0.0.1:${devPort}`],
    })
    browser = await launchChromium()
  }, INSTALL_TIMEOUT)

  afterAll(async () => {
    await browser?.close()
    await standIn?.close()
    await lake?.close()
    if (dataDir) await rm(dataDir, {recursive: true, force: true})
  })

  /** A fresh editor page that records React's roots; on failure a screenshot and the page's errors. */
  async function inEditorPage(name: string, scenario: (page: Page, editor: EditorContext) => Promise<void>): Promise<void> {
    const editor = await newEditorContext(browser!)
    await editor.context.addInitScript(recordReactRoots)
    const page = await editor.newPage()
    try {
      await scenario(page, editor)
      await screenshot(page, name)
    } catch (error) {
      await screenshot(page, `${name}-failed`).catch(() => undefined)
      console.error('page errors:', editor.pageErrors.slice(0, 30))
      throw error
    } finally {
      await editor.close()
    }
  }

  it('installs with one copy of the Studio runtime', () => expectOneStudioRuntime(scratch))

  it('builds a Studio whose config adds only chinaDesk()', () => buildStudio(scratch, 'sanity6'), BUILD_TIMEOUT)

  /**
   * `sanity dev`, started when the built Studio's check starts: Vite pre-bundles the Studio's dependencies at
   * start-up (for a tree with a new china-desk, all of them), which then overlaps that check's settle wait
   * instead of adding to this file's time, the longest of the suite.
   */
  let devStudio: Promise<DevStudio> | undefined
  const startDev = () => {
    devStudio ??= startDevStudio(scratch, devPort, standIn!.origin)
    devStudio.catch(() => undefined)
    return devStudio
  }
  afterAll(async () => {
    await (await devStudio?.catch(() => undefined))?.close()
  })

  it.skipIf(!hasChromium)(
    "built: shows the desk and the imported article, and Sanity 6's default search (groq2024) lists it",
    async () => {
      const started = performance.now()
      void startDev()
      const word = searchWordOf(article.title)
      await inEditorPage('consumer-sanity6-search', async (page) => {
        await expectDeskAndArticle(page, standIn!.origin, ARTICLE_ID, article.title)
        await expectGlobalSearchLists(page, word, article.title)
        // The production build renders without strict mode (sanity build turns it off): the detector the
        // dev-server test relies on reads "off" here.
        const strict = await readStrictMode(page)
        expect(strict.fibers, 'React roots recorded').toBeGreaterThan(100)
        expect([strict.strictModeElement, strict.strictFibers, strict.doubleInvocations]).toEqual([false, 0, 0])
      })
      expect(routesThatMatter(standIn!.unknownRoutes), 'API routes the stand-in does not implement').toEqual([])
      console.log(`sanity6: built Studio in Chromium, search for "${word}" ${seconds(started)} s`)
    },
    300_000,
  )

  it.skipIf(!hasChromium)(
    'sanity dev: React strict mode on, the desk and the imported article, no console error from china-desk',
    async () => {
      const started = performance.now()
      const dev: DevStudio = await startDev()
      try {
        expect(dev.origin).toBe(`http://127.0.0.1:${devPort}`)
        console.log(`sanity6: sanity dev ready in ${seconds(started)} s`)
        await inEditorPage('consumer-sanity6-dev-strict', async (page, editor) => {
          const consoleErrors: string[] = []
          page.on('console', (message) => {
            if (message.type() === 'error') consoleErrors.push(`${message.text()} @ ${message.location().url}`)
          })
          await expectDeskAndArticle(page, dev.origin, ARTICLE_ID, article.title, DEV_LOAD_TIMEOUT)
          const strict = await readStrictMode(page)
          console.log('sanity6: sanity dev React tree', strict)
          expect(strict.strictModeElement, '<StrictMode> around the Studio').toBe(true)
          expect(strict.strictFibers / strict.fibers, 'share of fibers in strict mode').toBeGreaterThan(0.9)
          expect(strict.doubleInvocations, 'strict mode double invocations').toBeGreaterThan(0)
          // The dev server serves china-desk's code under URLs naming it, so an error it raised would name it.
          const chinaDeskModules = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => /china-desk/.test(entry.name)).length)
          expect(chinaDeskModules, 'china-desk modules the page loaded').toBeGreaterThan(0)
          const fromChinaDesk = [...consoleErrors, ...editor.pageErrors].filter((error) => /china-desk/i.test(error))
          expect(fromChinaDesk, 'console errors from china-desk').toEqual([])
          if (consoleErrors.length > 0) console.log(`sanity6: sanity dev console errors (none from china-desk):`, consoleErrors.slice(0, 10))
        })
      } finally {
        await dev.close()
      }
      expect(routesThatMatter(standIn!.unknownRoutes), 'API routes the stand-in does not implement').toEqual([])
      console.log(`sanity6: sanity dev Studio in Chromium ${seconds(started)} s`)
    },
    420_000,
  )
})
