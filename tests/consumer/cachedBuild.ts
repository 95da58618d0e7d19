/**
 * `sanity build` of a scratch Studio, once per set of inputs on this machine. The build writes a stamp naming
 * what it read: the Studio's lockfile (every package version in the tree), its config files, the lane's Node,
 * and the bytes of the china-desk files the Studio can reach: the entries it imports (`china-desk/schemas`,
 * `china-desk/plugins`) and every chunk those import, plus china-desk's package.json. A later run with the same
 * inputs keeps the `dist/` that build produced; a commit that changes only code the Studio never loads (the
 * lake, the queries entry, the validation harness) needs no new build, any other change builds again, and so
 * does a machine without the cache (a fresh CI machine builds both Studios). `CHINA_DESK_CONSUMER_FRESH=1`
 * always builds.
 */
import {createHash} from 'node:crypto'
import {existsSync} from 'node:fs'
import {readFile, rm, writeFile} from 'node:fs/promises'
import {dirname, join, relative, resolve} from 'node:path'

import type {ScratchProject} from './scratchProject'

/** The package entries a Studio config imports (the scratch config imports `china-desk/schemas`). */
const STUDIO_ENTRIES = ['lib/schemas.js', 'lib/plugins.js']
/** Static, re-exported and dynamic relative imports in esbuild's ESM output. */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g

export interface BuildResult {
  built: boolean
  seconds: number
  distDir: string
}

/** Every file of the installed china-desk that the Studio entries reach, by path relative to the package. */
async function reachableFiles(packageDir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  const pending = STUDIO_ENTRIES.map((entry) => join(packageDir, entry))
  while (pending.length > 0) {
    const file = pending.pop()!
    const key = relative(packageDir, file)
    if (files.has(key)) continue
    const bytes = await readFile(file)
    files.set(key, bytes)
    for (const [, specifier] of bytes.toString('utf8').matchAll(RELATIVE_IMPORT)) pending.push(resolve(dirname(file), specifier))
  }
  return files
}

export async function studioBuildInputs(scratch: ScratchProject): Promise<string> {
  const packageDir = join(scratch.dir, 'node_modules', 'china-desk')
  const hash = createHash('sha256')
  for (const file of ['package-lock.json', 'sanity.config.ts', 'sanity.cli.ts']) hash.update(`${file}\0`).update(await readFile(join(scratch.dir, file)))
  // `production`: builds from before the lane's environment dropped vitest's NODE_ENV=test held React's dev build.
  hash.update(`node\0${scratch.nodeVersion}\0NODE_ENV\0${scratch.env.NODE_ENV ?? 'production'}\0china-desk/package.json\0`).update(await readFile(join(packageDir, 'package.json')))
  const reached = await reachableFiles(packageDir)
  for (const key of [...reached.keys()].sort()) hash.update(`china-desk/${key}\0`).update(reached.get(key)!)
  return hash.digest('hex')
}

export async function buildStudioOnce(scratch: ScratchProject): Promise<BuildResult> {
  const started = performance.now()
  const distDir = join(scratch.dir, 'dist')
  const stamp = join(scratch.dir, '.built')
  const inputs = await studioBuildInputs(scratch)
  const unchanged =
    process.env.CHINA_DESK_CONSUMER_FRESH !== '1' &&
    existsSync(join(distDir, 'index.html')) &&
    existsSync(stamp) &&
    (await readFile(stamp, 'utf8')) === inputs
  if (!unchanged) {
    // The stamp goes first, so an interrupted build is never taken for a finished one.
    await rm(stamp, {force: true})
    await rm(distDir, {recursive: true, force: true})
    await scratch.exec('sanity', ['build', 'dist', '--yes'])
    if (!existsSync(join(distDir, 'index.html'))) throw new Error(`sanity build in ${scratch.dir} wrote no dist/index.html`)
    await writeFile(stamp, inputs)
  }
  return {built: !unchanged, seconds: (performance.now() - started) / 1000, distDir}
}
