/**
 * The package in someone else's Studio, twice: a scratch Studio on Sanity 5.31.2 (this Node, 20) and one on
 * Sanity 6.9.2 (Node 24 from the npm registry), each a plain `npm install` of this package's `npm pack` tarball.
 * Each lane checks one copy of the Studio runtime in the tree and a successful `sanity build`; the Sanity 5 lane
 * also type-checks a front end and bundles the queries entry; the built Sanity 6 Studio is opened in Chromium
 * on the stand-in with the imported article. The lanes run one after the other in this one file (a Studio
 * install and build each keep both cores busy) while the other test files run.
 */
import {copyFile, mkdtemp, readdir, rm} from 'node:fs/promises'
import {existsSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {build} from 'esbuild'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {startStandIn} from '../../lake/server'
import {packedTarball} from '../packaging/packedTarball'
import {hasChromium, launchChromium, newEditorContext, screenshot, SKIP_REASON} from '../studio/harness/browser'
import {ARTICLE_ID, importedSeed} from '../studio/harness/session'
import {documentPath, field, STUDIO_LOAD_TIMEOUT} from '../studio/harness/studioPage'
import {routesThatMatter} from '../studio/harness/unknownRoutes'
import {installedCopies, resolvedCopy} from './installedCopies'
import {ensureNode24} from './node24'
import {CONSUMER_CACHE, createScratchStudio, SCRATCH_PROJECT_ID, type ScratchProject, type StudioLane} from './scratchProject'

if (!hasChromium) console.warn(SKIP_REASON)

const INSTALL_TIMEOUT = 900_000
const BUILD_TIMEOUT = 600_000

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
  const started = performance.now()
  await rm(join(scratch.dir, 'dist'), {recursive: true, force: true})
  await scratch.exec('sanity', ['build', 'dist', '--yes'])
  expect(existsSync(join(scratch.dir, 'dist', 'index.html'))).toBe(true)
  console.log(`${lane}: sanity build ${seconds(started)} s`)
}

describe('china-desk in a Sanity 5.31.2 Studio (Node 20)', () => {
  let scratch: ScratchProject

  beforeAll(async () => {
    const lane: StudioLane = {name: 'sanity5', sanity: '5.31.2', extraDependencies: {typescript: '5.9.3'}}
    scratch = await createScratchStudio(lane, await packedTarball())
    console.log(`sanity5: npm install ${scratch.installSeconds.toFixed(1)} s (${scratch.freshInstall ? 'fresh' : 'cached tree'})`)
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

  beforeAll(async () => {
    const started = performance.now()
    const nodeBinDir = await ensureNode24(CONSUMER_CACHE)
    console.log(`sanity6: Node 24 ready in ${seconds(started)} s`)
    scratch = await createScratchStudio({name: 'sanity6', sanity: '6.9.2', nodeBinDir}, await packedTarball())
    console.log(`sanity6: npm install ${scratch.installSeconds.toFixed(1)} s (${scratch.freshInstall ? 'fresh' : 'cached tree'})`)
  }, INSTALL_TIMEOUT)

  it('installs with one copy of the Studio runtime', () => expectOneStudioRuntime(scratch))

  it('builds a Studio whose config adds only chinaDesk()', () => buildStudio(scratch, 'sanity6'), BUILD_TIMEOUT)

  it.skipIf(!hasChromium)(
    'opens in Chromium on the stand-in with the desk and the imported article',
    async () => {
      const started = performance.now()
      const seed = await importedSeed()
      const dataDir = await mkdtemp(join(tmpdir(), 'china-desk-consumer-data-'))
      for (const file of await readdir(seed)) if (file.startsWith('production.ndjson')) await copyFile(join(seed, file), join(dataDir, file))
      const datasetFile = join(dataDir, 'production.ndjson')
      const lake = await LocalLake.open(datasetFile)
      const standIn = await startStandIn({lake, datasetFile, projectId: SCRATCH_PROJECT_ID, studioDir: join(scratch.dir, 'dist')})
      const browser = await launchChromium()
      const editor = await newEditorContext(browser)
      const page = await editor.newPage()
      try {
        await page.goto(`${standIn.origin}/structure`)
        const desk = page.locator('[data-testid="structure-tool-list-pane"]').first()
        await desk.waitFor({timeout: STUDIO_LOAD_TIMEOUT})
        for (const title of ['Articles', 'Companies', 'Regulations']) {
          await expect(desk.getByText(title, {exact: true}).count()).resolves.toBe(1)
        }
        const article = await lake.getDocument(ARTICLE_ID)
        expect(article?.title, 'the imported article').toEqual(expect.any(String))
        await page.goto(`${standIn.origin}${documentPath(ARTICLE_ID)}`)
        const title = field(page, 'title').locator('input')
        await title.waitFor({timeout: STUDIO_LOAD_TIMEOUT})
        await expect(title.inputValue()).resolves.toBe(article!.title)
        await screenshot(page, 'consumer-sanity6-article')
        expect(routesThatMatter(standIn.unknownRoutes), 'API routes the stand-in does not implement').toEqual([])
        console.log(`sanity6: Studio in Chromium ${seconds(started)} s`)
      } catch (error) {
        await screenshot(page, 'consumer-sanity6-failed').catch(() => undefined)
        console.error('page errors:', editor.pageErrors.slice(0, 30))
        throw error
      } finally {
        await editor.close()
        await browser.close()
        await standIn.close()
        await lake.close()
        await rm(dataDir, {recursive: true, force: true})
      }
    },
    300_000,
  )
})
