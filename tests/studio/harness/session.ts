/**
 * A running offline Studio for tests: the imported article seeded into a temporary dataset file, one `LocalLake`
 * on it, and the stand-in serving `dist/` and the API on a free loopback port. Seeding runs the importer library
 * (it validates with Sanity's rules, so it takes a while) only when its sources changed, into a cache in
 * node_modules/.cache, and copies the result per session.
 */
import {existsSync, readdirSync, statSync} from 'node:fs'
import {copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'

import {BUNDLED_ARTICLE, LocalTarget, runImport} from '../../../importer'
import {LocalLake} from '../../../lake'
import {startStandIn, type RunningStandIn} from '../../../lake/server'
import {ensureOfflineStudioBuild} from '../../../lake/server/studioBuild'

export const PROJECT_DIR = resolve(import.meta.dirname, '..', '..', '..')
export const PROJECT_ID = 'chinadesk-local'
export const ARTICLE_ID = 'article.microsoft-claws-back-chinese-market'

/** Builds `dist/` unless it is newer than the Studio's sources (the first run takes a minute or two). */
export async function ensureStudioBuilt(): Promise<void> {
  await ensureOfflineStudioBuild({projectDir: PROJECT_DIR, outDir: 'dist', log: () => undefined})
}

/** What the seeded dataset is made of: a change to any of these makes the cached seed stale. */
const SEED_SOURCES = ['importer', 'schemas', 'plugins', 'lake', 'package-lock.json']
const SEED_CACHE = join(PROJECT_DIR, 'node_modules', '.cache', 'offline-studio-seed')

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), info.mtimeMs)
}

async function importSeed(): Promise<string> {
  const marker = join(SEED_CACHE, 'seeded')
  if (existsSync(marker) && SEED_SOURCES.every((source) => newestMtime(join(PROJECT_DIR, source)) <= statSync(marker).mtimeMs)) {
    return SEED_CACHE
  }
  const dir = await mkdtemp(join(tmpdir(), 'china-desk-seed-'))
  const target = new LocalTarget(join(dir, 'production.ndjson'))
  try {
    await runImport({inputs: [join(PROJECT_DIR, BUNDLED_ARTICLE)], target, now: () => new Date('2026-01-01T00:00:00Z')})
  } finally {
    await target.close()
  }
  // Cached across test files (each runs in its own worker); another worker may be writing it, so swap it in.
  await writeFile(join(dir, 'seeded'), new Date().toISOString())
  await rm(SEED_CACHE, {recursive: true, force: true})
  await mkdir(dirname(SEED_CACHE), {recursive: true})
  await rename(dir, SEED_CACHE).catch(() => undefined)
  return existsSync(marker) ? SEED_CACHE : dir
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
