/**
 * The validation worker as one plain ESM file. A worker started under `tsx` would load `sanity` through
 * tsx's loader and with source maps on (~500 MB RSS per thread, seconds of start-up); vitest's workers
 * would not load TypeScript at all. So the worker's own code (the validation entry and the schema
 * modules) is bundled once with esbuild, packages left as imports, and written under
 * `node_modules/.cache/china-desk/` where those imports resolve. Named by content hash: an unchanged
 * schema reuses the file, a changed one writes a new one.
 */
import {createHash} from 'node:crypto'
import {existsSync} from 'node:fs'
import {mkdir, rename, writeFile} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const REPO = resolve(HERE, '../..')
const CACHE = join(REPO, 'node_modules/.cache/china-desk')

let bundled: Promise<string> | undefined

/** Path of the bundled worker (built on first use in this process). */
export function validationWorkerFile(): Promise<string> {
  bundled ??= bundle()
  return bundled
}

async function bundle(): Promise<string> {
  const {build} = await import('esbuild')
  const result = await build({
    entryPoints: [join(HERE, 'validationWorker.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].text
  const file = join(CACHE, `validation-worker-${createHash('sha1').update(code).digest('hex').slice(0, 16)}.mjs`)
  if (!existsSync(file)) {
    await mkdir(CACHE, {recursive: true})
    const temporary = `${file}.${process.pid}.tmp`
    await writeFile(temporary, code)
    await rename(temporary, file)
  }
  return file
}
