/**
 * A key for a cached build made from this repository's sources: a hash of the bytes of every local file the
 * entries reach (found by esbuild following their imports, as Vite and tsx do), of every file under the listed
 * folders, and of the listed files (the lockfile stands for the installed packages), plus Node's version. Keyed
 * on content rather than modification times, a fresh clone (every file new) can reuse what this machine built
 * from the same sources, and a change anywhere the build reads (also outside the folders, e.g. `helpers/`) is
 * a new key.
 */
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative, resolve} from 'node:path'

import {build} from 'esbuild'

export interface SourceKeyInputs {
  projectDir: string
  /** Modules whose local import graph is read by the build. */
  entries: string[]
  /** Folders read whole (also files no import names, e.g. worker files or data). */
  folders?: string[]
  /** Single files, e.g. `package-lock.json`. */
  files?: string[]
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  if (!statSync(dir).isDirectory()) return [dir]
  return readdirSync(dir).flatMap((entry) => filesUnder(join(dir, entry)))
}

/** Local files the entries import, statically or by a literal dynamic import. */
async function reachedFiles(projectDir: string, entries: string[]): Promise<string[]> {
  const result = await build({
    absWorkingDir: projectDir,
    entryPoints: entries,
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'neutral',
    format: 'esm',
    jsx: 'automatic',
    outdir: 'out',
    // Assets a module imports count by their bytes, whatever the loader.
    loader: {'.png': 'empty', '.svg': 'empty', '.css': 'empty', '.txt': 'empty', '.json': 'json'},
    logLevel: 'silent',
  })
  return Object.keys(result.metafile.inputs).map((input) => resolve(projectDir, input))
}

export async function sourceKey({projectDir, entries, folders = [], files = []}: SourceKeyInputs): Promise<string> {
  const paths = new Set([
    ...(await reachedFiles(projectDir, entries)),
    ...folders.flatMap((folder) => filesUnder(join(projectDir, folder))),
    ...files.map((file) => join(projectDir, file)),
  ])
  const hash = createHash('sha256').update(`node\0${process.version}\0`)
  for (const path of [...paths].sort()) {
    hash.update(`${relative(projectDir, path)}\0`).update(existsSync(path) ? readFileSync(path) : 'missing').update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}
