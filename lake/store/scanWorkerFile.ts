/**
 * The first open's scan worker (`lineScanWorker.ts`) as one plain ESM file a worker thread can load: a worker
 * started from TypeScript sources would need tsx's loader in the thread (Node 20 does not pass it on), costing
 * ~0.5 s of start-up per worker; vitest's workers would not load TypeScript at all. So the worker's modules are
 * bundled with esbuild (a few milliseconds) and written under `node_modules/.cache/china-desk/`, named by content
 * hash. Where there are no sources or no esbuild (the compiled package), there is no worker file and the open
 * scans on its own thread.
 */
import {createHash} from 'node:crypto'
import {existsSync} from 'node:fs'
import {mkdir, rename, writeFile} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const ENTRY = join(HERE, 'lineScanWorker.ts')
const CACHE = join(resolve(HERE, '../..'), 'node_modules/.cache/china-desk')

let bundled: Promise<string | undefined> | undefined

/** Path of the bundled worker, built on first use in this process; undefined when it cannot be built here. */
export function scanWorkerFile(): Promise<string | undefined> {
  bundled ??= bundle().catch(() => undefined)
  return bundled
}

async function bundle(): Promise<string | undefined> {
  if (!existsSync(ENTRY)) return undefined
  const {build} = await import('esbuild')
  const result = await build({entryPoints: [ENTRY], bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'silent'})
  const code = result.outputFiles[0].text
  const file = join(CACHE, `line-scan-worker-${createHash('sha1').update(code).digest('hex').slice(0, 16)}.mjs`)
  if (!existsSync(file)) {
    await mkdir(CACHE, {recursive: true})
    const temporary = `${file}.${process.pid}.tmp`
    await writeFile(temporary, code)
    await rename(temporary, file)
  }
  return file
}
