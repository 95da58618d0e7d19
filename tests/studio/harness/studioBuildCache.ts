/**
 * The offline Studio build the browser tests load (`dist/`, `lake/server/studioBuild.ts`), kept per machine
 * under ~/.cache/china-desk-offline-studio/<key>, like the consumer Studios: a fresh clone (CI runs `npm ci` and
 * `npm test` in one) copies the build this machine made from the same sources instead of running `sanity build`
 * again (about 80 CPU-s of a run). The key (`sourceKey.ts`) is everything the build reads: every local file the
 * Studio config reaches, the lockfile and package.json, the build script and Node's version. `dist/` records
 * its key, so a change anywhere in that (not only under the folders whose times studioBuild.ts compares) builds
 * again. One test file at a time checks, copies or builds (a lock file); the others then find `dist/` current.
 */
import {existsSync, readFileSync, statSync} from 'node:fs'
import {cp, mkdir, open, readdir, rename, rm, stat, writeFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {join} from 'node:path'

import {ensureOfflineStudioBuild} from '../../../lake/server/studioBuild'
import {sourceKey} from './sourceKey'

const CACHE = process.env.CHINA_DESK_STUDIO_CACHE ?? join(homedir(), '.cache', 'china-desk-offline-studio')
/** Written into `dist/` beside studioBuild.ts's marker: the key of the sources it was built from. */
const KEY_FILE = '.source-key'

export function offlineStudioKey(projectDir: string): Promise<string> {
  return sourceKey({
    projectDir,
    entries: ['sanity.config.ts', 'sanity.cli.ts'],
    files: ['package.json', 'package-lock.json', 'lake/server/studioBuild.ts'],
  })
}

const keyOf = (dist: string) => (existsSync(join(dist, KEY_FILE)) && existsSync(join(dist, 'index.html')) ? readFileSync(join(dist, KEY_FILE), 'utf8') : undefined)

async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    const handle = await open(lockFile, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return undefined
      throw error
    })
    if (handle) {
      await handle.close()
      break
    }
    // A lock older than any build is a crashed run's.
    const taken = statSync(lockFile, {throwIfNoEntry: false})?.mtimeMs ?? Date.now()
    if (Date.now() - taken > 15 * 60_000) await rm(lockFile, {force: true})
    else await new Promise((resolveWait) => setTimeout(resolveWait, 500))
  }
  try {
    return await work()
  } finally {
    await rm(lockFile, {force: true})
  }
}

/** Swaps a complete folder in for `target`, so a stand-in never serves a half-copied build. */
async function swapIn(staging: string, target: string): Promise<void> {
  const previous = `${staging}-previous`
  if (existsSync(target)) await rename(target, previous)
  await rename(staging, target)
  await rm(previous, {recursive: true, force: true})
}

/** Makes `<projectDir>/dist` the offline build of the current sources: as it is, from the cache, or built. */
export async function ensureCachedStudioBuild(projectDir: string): Promise<'current' | 'cached' | 'built'> {
  const dist = join(projectDir, 'dist')
  const key = await offlineStudioKey(projectDir)
  if (keyOf(dist) === key) return 'current'
  const work = join(projectDir, 'node_modules', '.cache', 'offline-studio-key')
  await mkdir(work, {recursive: true})
  return withLock(join(work, 'lock'), async () => {
    if (keyOf(dist) === key) return 'current'
    const staging = join(work, `staging-${process.pid}`)
    await rm(staging, {recursive: true, force: true})
    const cached = join(CACHE, key)
    if (existsSync(join(cached, KEY_FILE))) {
      await cp(cached, staging, {recursive: true})
      await swapIn(staging, dist)
      return 'cached'
    }
    await ensureOfflineStudioBuild({projectDir, outDir: 'dist', rebuild: true, log: () => undefined})
    await writeFile(join(dist, KEY_FILE), key)
    // The newest three builds are kept (a checkout, a clone and CI may be at different commits).
    await mkdir(CACHE, {recursive: true})
    const entries = await Promise.all((await readdir(CACHE)).map(async (entry) => ({entry, time: (await stat(join(CACHE, entry))).mtimeMs})))
    for (const {entry} of entries.sort((a, b) => b.time - a.time).slice(2)) await rm(join(CACHE, entry), {recursive: true, force: true})
    await cp(dist, staging, {recursive: true})
    await rename(staging, cached)
    return 'built'
  })
}
