/**
 * One `npm pack` of this repository per test run, shared by the packaging and consumer test files (vitest runs
 * each file in its own worker process, all children of one vitest process): the first caller packs under a lock
 * file, the others wait for its report and reuse the tarball. `npm pack` runs `prepack`, the package build, so
 * the tarball holds exactly the `lib/` a consumer would get.
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, open, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'

const run = promisify(execFile)

export const PROJECT_DIR = resolve(import.meta.dirname, '..', '..')

/** Per vitest run: the workers share their parent's pid. */
const PACK_DIR = join(tmpdir(), `china-desk-pack-${process.ppid}`)

async function pack(): Promise<string> {
  const {stdout} = await run('npm', ['pack', '--json', '--pack-destination', PACK_DIR], {
    cwd: PROJECT_DIR,
    maxBuffer: 64 * 1024 * 1024,
  })
  // `prepack` (the package build) may print before npm's JSON report; the report is the last thing out.
  const report = stdout.slice(stdout.search(/^\[/m))
  return join(PACK_DIR, (JSON.parse(report) as {filename: string}[])[0].filename)
}

async function packOnce(): Promise<string> {
  await mkdir(PACK_DIR, {recursive: true})
  const done = join(PACK_DIR, 'tarball.json')
  const lock = join(PACK_DIR, 'pack.lock')
  for (;;) {
    if (existsSync(done)) return JSON.parse(await readFile(done, 'utf8')) as string
    const handle = await open(lock, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return undefined
      throw error
    })
    if (!handle) {
      // Another worker is packing; if it fails it removes the lock and this one tries.
      await new Promise((resolveWait) => setTimeout(resolveWait, 500))
      continue
    }
    await handle.close()
    try {
      const tarball = await pack()
      await writeFile(done, JSON.stringify(tarball))
      return tarball
    } finally {
      await rm(lock, {force: true})
    }
  }
}

let tarball: Promise<string> | undefined

/** Path of this run's `china-desk-<version>.tgz`. */
export function packedTarball(): Promise<string> {
  tarball ??= packOnce()
  return tarball
}
