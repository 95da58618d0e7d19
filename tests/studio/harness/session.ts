/**
 * A running offline Studio for tests: the imported article seeded into a temporary dataset file, one `LocalLake`
 * on it, and the stand-in serving `dist/` and the API on a free loopback port. Seeding runs the importer library
 * (it validates with Sanity's rules, so it takes a while) only when its sources changed, into a cache per
 * machine, and copies the result per session.
 */
import {existsSync, statSync} from 'node:fs'
import {copyFile, cp, mkdir, mkdtemp, readdir, rename, rm, writeFile} from 'node:fs/promises'
import {homedir, tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {BUNDLED_ARTICLE, LocalTarget, runImport} from '../../../importer'
import {LocalLake} from '../../../lake'
import {startStandIn, type RunningStandIn} from '../../../lake/server'
import {sourceKey} from './sourceKey'
import {ensureCachedStudioBuild} from './studioBuildCache'

export const PROJECT_DIR = resolve(import.meta.dirname, '..', '..', '..')
export const PROJECT_ID = 'chinadesk-local'
export const ARTICLE_ID = 'article.microsoft-claws-back-chinese-market'

/** Makes `dist/` the offline build of the current sources (studioBuildCache.ts; a build takes a minute or two). */
export async function ensureStudioBuilt(): Promise<void> {
  await ensureCachedStudioBuild(PROJECT_DIR)
}

/**
 * The seeded dataset, kept per machine under a key of what it is made of (`sourceKey.ts`): the importer (with
 * the bundled article) and the lake that writes the file, and every local module they import (the schemas the
 * importer validates with). A change anywhere in those imports again (about 8 CPU-s); a fresh clone of the same
 * sources reuses it.
 */
const SEED_CACHE = process.env.CHINA_DESK_SEED_CACHE ?? join(homedir(), '.cache', 'china-desk-offline-seed')

async function importSeed(): Promise<string> {
  const key = await sourceKey({
    projectDir: PROJECT_DIR,
    entries: ['importer/index.ts', 'lake/index.ts'],
    folders: ['importer', 'lake'],
    files: ['package-lock.json'],
  })
  const cached = join(SEED_CACHE, key)
  if (existsSync(join(cached, 'seeded'))) return cached
  const dir = await mkdtemp(join(tmpdir(), 'china-desk-seed-'))
  const target = new LocalTarget(join(dir, 'production.ndjson'))
  try {
    await runImport({inputs: [join(PROJECT_DIR, BUNDLED_ARTICLE)], target, now: () => new Date('2026-01-01T00:00:00Z')})
  } finally {
    await target.close()
  }
  // Cached across test files (each runs in its own worker); another worker may be writing it, so swap it in
  // whole (a temporary folder may sit on another file system: copied beside the cache first). Seeds are small
  // and a clone, CI and a checkout may run at once on different sources: the newest eight are kept.
  await writeFile(join(dir, 'seeded'), new Date().toISOString())
  await mkdir(SEED_CACHE, {recursive: true})
  const seeds = (await readdir(SEED_CACHE)).filter((entry) => !entry.startsWith('.'))
  const byAge = seeds.map((entry) => ({entry, time: statSync(join(SEED_CACHE, entry)).mtimeMs})).sort((a, b) => b.time - a.time)
  for (const {entry} of byAge.slice(7)) await rm(join(SEED_CACHE, entry), {recursive: true, force: true})
  const staging = join(SEED_CACHE, `.staging-${process.pid}`)
  await cp(dir, staging, {recursive: true})
  await rm(dir, {recursive: true, force: true})
  await rename(staging, cached).catch(() => rm(staging, {recursive: true, force: true}))
  return cached
}

let seedDir: Promise<string> | undefined

/** A dataset file (+ its transaction log) holding the bundled article imported by the real importer. */
export function importedSeed(): Promise<string> {
  seedDir ??= importSeed()
  return seedDir
}

export interface StudioSession {
  standIn: RunningStandIn
  lake: LocalLake
  datasetFile: string
  /** `https://localhost:<port>/structure/...` */
  url(path: string): string
  close(): Promise<void>
}

export async function startStudioSession(): Promise<StudioSession> {
  const seed = await importedSeed()
  const dir = await mkdtemp(join(tmpdir(), 'china-desk-studio-'))
  for (const file of await readdir(seed)) if (file.startsWith('production.ndjson')) await copyFile(join(seed, file), join(dir, file))
  const datasetFile = join(dir, 'production.ndjson')
  const lake = await LocalLake.open(datasetFile)
  const standIn = await startStandIn({lake, datasetFile, projectId: PROJECT_ID, studioDir: join(PROJECT_DIR, 'dist')})
  return {
    standIn,
    lake,
    datasetFile,
    url: (path) => `${standIn.origin}${path}`,
    async close() {
      await standIn.close()
      await lake.close()
      await rm(dir, {recursive: true, force: true})
    },
  }
}
