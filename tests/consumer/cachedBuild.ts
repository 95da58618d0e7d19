/**
 * `sanity build` of a scratch Studio, once per set of inputs on this machine: the build writes a stamp naming
 * the inputs it built (`ScratchProject.buildInputs`: the installed tree's lockfile, china-desk's tarball bytes,
 * the configs, the Node version). A later run with the same inputs keeps the `dist/` that build produced
 * instead of bundling the same Studio again; any change to them (a commit that changes `lib/`, a new Sanity)
 * builds again, and so does a machine without the cache (a fresh CI machine builds both Studios).
 * `CHINA_DESK_CONSUMER_FRESH=1` always builds.
 */
import {existsSync} from 'node:fs'
import {readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import type {ScratchProject} from './scratchProject'

export interface BuildResult {
  built: boolean
  seconds: number
  distDir: string
}

export async function buildStudioOnce(scratch: ScratchProject): Promise<BuildResult> {
  const started = performance.now()
  const distDir = join(scratch.dir, 'dist')
  const stamp = join(scratch.dir, '.built')
  const unchanged =
    process.env.CHINA_DESK_CONSUMER_FRESH !== '1' &&
    existsSync(join(distDir, 'index.html')) &&
    existsSync(stamp) &&
    (await readFile(stamp, 'utf8')) === scratch.buildInputs
  if (!unchanged) {
    // The stamp goes first, so an interrupted build is never taken for a finished one.
    await rm(stamp, {force: true})
    await rm(distDir, {recursive: true, force: true})
    await scratch.exec('sanity', ['build', 'dist', '--yes'])
    if (!existsSync(join(distDir, 'index.html'))) throw new Error(`sanity build in ${scratch.dir} wrote no dist/index.html`)
    await writeFile(stamp, scratch.buildInputs)
  }
  return {built: !unchanged, seconds: (performance.now() - started) / 1000, distDir}
}
