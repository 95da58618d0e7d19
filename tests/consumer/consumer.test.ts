/**
 * The package in someone else's Studio: `npm pack`, install the tarball into a scratch Studio whose config adds
 * only `chinaDesk()`, build it with `sanity build`, type-check a front end that runs a typed query with
 * `@sanity/client`, and prove the `china-desk/queries` entry pulls no Studio code (`sanity`, React) at run time.
 * Slow (a full Studio build): about a minute on an idle machine.
 */
import {existsSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {dirname, join} from 'node:path'

import {build} from 'esbuild'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {createScratchProject, type ScratchProject} from './scratchProject'

// Studio and React packages, and what only the local lake uses (its storage and mutation engine).
const STUDIO_OR_LAKE_PACKAGES =
  /node_modules\/(sanity|react|react-dom|styled-components|@sanity\/ui|@sanity\/icons|@sanity\/mutator|mendoza|selfsigned)\//

describe('china-desk as an installed package', () => {
  let scratch: ScratchProject

  beforeAll(async () => {
    scratch = await createScratchProject()
  }, 180_000)

  afterAll(async () => {
    if (scratch) await rm(dirname(scratch.dir), {recursive: true, force: true})
  })

  it('type-checks a front end that runs a typed query with @sanity/client', async () => {
    await expect(scratch.exec('tsc', ['-p', 'tsconfig.json'])).resolves.toBeDefined()
  }, 180_000)

  it('keeps the queries entry free of Studio code at run time', async () => {
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

  it('builds a Studio whose config adds only chinaDesk()', async () => {
    await scratch.exec('sanity', ['build', 'dist', '--yes'])
    expect(existsSync(join(scratch.dir, 'dist', 'index.html'))).toBe(true)
  }, 900_000)
})
