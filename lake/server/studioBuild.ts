/**
 * Builds the Studio for the offline stand-in (`sanity build` with `SANITY_STUDIO_API_HOST=page-origin`) and
 * skips the build when the output is newer than every source that goes into it. A marker file inside the
 * output records the offline build, so a hosted `npm run build:studio` into the same folder (which empties it)
 * is never mistaken for an offline one.
 */
import {spawn} from 'node:child_process'
import {existsSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'

export const OFFLINE_BUILD_MARKER = '.local-lake-build.json'

/** What the Studio bundle is made of: the config, the content model, the plugins and the installed packages. */
const STUDIO_SOURCES = ['sanity.config.ts', 'sanity.cli.ts', 'package.json', 'package-lock.json', 'schemas', 'plugins']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

export function isStudioBuildFresh(projectDir: string, outDir: string): boolean {
  const marker = join(outDir, OFFLINE_BUILD_MARKER)
  if (!existsSync(marker) || !existsSync(join(outDir, 'index.html'))) return false
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

/** Returns whether a build ran. Fails with the CLI's output when `sanity build` fails. */
export async function ensureOfflineStudioBuild(options: StudioBuildOptions): Promise<boolean> {
  const projectDir = resolve(options.projectDir)
  const outDir = resolve(projectDir, options.outDir)
  const log = options.log ?? ((line: string) => console.log(line))
  if (!options.rebuild && isStudioBuildFresh(projectDir, outDir)) return false
  log(`Building the Studio for the local Content Lake into ${outDir} (about a minute)…`)
  const output: string[] = []
  const code = await new Promise<number>((resolveExit, reject) => {
    const child = spawn(join(projectDir, 'node_modules', '.bin', 'sanity'), ['build', outDir, '--yes'], {
      cwd: projectDir,
      env: {...process.env, SANITY_STUDIO_API_HOST: 'page-origin'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.on('error', reject)
    child.on('exit', (exitCode) => resolveExit(exitCode ?? 1))
  })
  if (code !== 0) throw new Error(`sanity build failed (exit ${code}):\n${output.join('')}`)
  writeFileSync(join(outDir, OFFLINE_BUILD_MARKER), JSON.stringify({apiHost: 'page-origin', builtAt: new Date().toISOString()}))
  return true
}
