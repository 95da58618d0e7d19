/**
 * Builds the Studio for the offline stand-in (`sanity build` with `SANITY_STUDIO_API_HOST=page-origin`) and
 * skips the build when the output is newer than every source that goes into it. A marker file inside the
 * output records the offline build, so a hosted `npm run build:studio` into the same folder (which empties it)
 * is never mistaken for an offline one. Builds are serialised by a lock file (tests and `npm run studio` may
 * start together) and go to a temporary folder that replaces the output at the end, so a running stand-in
 * never serves a half-written build.
 */
import {spawn} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {mkdir, open, rename, rm} from 'node:fs/promises'
import {join, resolve} from 'node:path'

export const OFFLINE_BUILD_MARKER = '.local-lake-build.json'

/**
 * What the Studio bundle is made of: the config, the content model, the plugins, the installed packages, and the
 * query helpers the search fields share with the front end (`schemas/search/` imports them from `queries/`).
 */
const STUDIO_SOURCES = ['sanity.config.ts', 'sanity.cli.ts', 'package.json', 'package-lock.json', 'schemas', 'plugins', 'queries']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** The NODE_ENV a build recorded; undefined for an older or damaged marker (the build is then redone). */
function markerNodeEnv(marker: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(marker, 'utf8')) as {nodeEnv?: string}).nodeEnv
  } catch {
    return undefined
  }
}

export function isStudioBuildFresh(projectDir: string, outDir: string): boolean {
  const marker = join(outDir, OFFLINE_BUILD_MARKER)
  if (!existsSync(marker) || !existsSync(join(outDir, 'index.html'))) return false
  // Builds made before NODE_ENV was pinned may hold React's development build (see buildInto).
  if (markerNodeEnv(marker) !== 'production') return false
  const built = statSync(marker).mtimeMs
  return STUDIO_SOURCES.every((source) => newestMtime(join(projectDir, source)) <= built)
}

export interface StudioBuildOptions {
  projectDir: string
  outDir: string
  /** Build even when the output looks fresh. */
  rebuild?: boolean
  log?: (line: string) => void
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Lock and staging folders live in node_modules/.cache (git-ignored, same file system as the output). */
function workDir(projectDir: string): string {
  return join(projectDir, 'node_modules', '.cache', 'offline-studio-build')
}

/** An exclusive lock; a lock left by a dead process is taken over. */
async function acquireBuildLock(projectDir: string): Promise<() => Promise<void>> {
  await mkdir(workDir(projectDir), {recursive: true})
  const lockFile = join(workDir(projectDir), 'build.lock')
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => rm(lockFile, {force: true})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(lockFile, 'utf8') || 0)
      if (holder && !isAlive(holder)) await rm(lockFile, {force: true})
      else await new Promise((resolveWait) => setTimeout(resolveWait, 1000))
    }
  }
}

/** Returns whether a build ran. Fails with the CLI's output when `sanity build` fails. */
export async function ensureOfflineStudioBuild(options: StudioBuildOptions): Promise<boolean> {
  const projectDir = resolve(options.projectDir)
  const outDir = resolve(projectDir, options.outDir)
  const log = options.log ?? ((line: string) => console.log(line))
  if (!options.rebuild && isStudioBuildFresh(projectDir, outDir)) return false
  const release = await acquireBuildLock(projectDir)
  try {
    // Another process may have built it while we waited for the lock.
    if (!options.rebuild && isStudioBuildFresh(projectDir, outDir)) return false
    log(`Building the Studio for the local Content Lake into ${outDir} (a minute or more)…`)
    await buildInto(projectDir, outDir)
    return true
  } finally {
    await release()
  }
}

async function buildInto(projectDir: string, outDir: string): Promise<void> {
  const staging = join(workDir(projectDir), `building-${process.pid}`)
  const output: string[] = []
  const code = await new Promise<number>((resolveExit, reject) => {
    const child = spawn(join(projectDir, 'node_modules', '.bin', 'sanity'), ['build', staging, '--yes'], {
      cwd: projectDir,
      // A production build whoever asks: under vitest NODE_ENV is `test`, and Vite then bundles React's
      // development build (about 40 % more CPU for every Studio load and render in the browser tests).
      env: {...process.env, NODE_ENV: 'production', SANITY_STUDIO_API_HOST: 'page-origin'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.on('error', reject)
    child.on('exit', (exitCode) => resolveExit(exitCode ?? 1))
  })
  if (code !== 0) {
    await rm(staging, {recursive: true, force: true})
    throw new Error(`sanity build failed (exit ${code}):\n${output.join('')}`)
  }
  writeFileSync(join(staging, OFFLINE_BUILD_MARKER), JSON.stringify({apiHost: 'page-origin', nodeEnv: 'production', builtAt: new Date().toISOString()}))
  const previous = join(workDir(projectDir), `previous-${process.pid}`)
  if (existsSync(outDir)) await rename(outDir, previous)
  await rename(staging, outDir)
  await rm(previous, {recursive: true, force: true})
}
