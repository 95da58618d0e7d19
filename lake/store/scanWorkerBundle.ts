/**
 * Bundles the scan worker from sources with esbuild, for a checkout (see `scanWorkerFile.ts`). Starting esbuild
 * costs more than the rest of a worker's start-up, so the bundle is reused while the source files esbuild read
 * for it (listed beside it, with their SHA-256) are unchanged.
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {mkdir, rename, writeFile} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const ENTRY = join(HERE, 'lineScanWorker.ts')
const REPO = resolve(HERE, '../..')
const CACHE = join(REPO, 'node_modules/.cache/china-desk')
/** What the last bundle was made of: its file and the SHA-256 of each input esbuild read. */
const MANIFEST = join(CACHE, 'line-scan-worker.json')

interface Manifest {
  file: string
  inputs: Record<string, string>
}

/** The worker bundled from sources: reused while the files esbuild read for it are unchanged, else rebuilt. */
export async function bundledScanWorker(): Promise<string | undefined> {
  return existsSync(ENTRY) ? (reusable() ?? bundle()) : undefined
}

const sha256Of = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

function reusable(): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest
    const unchanged = Object.entries(manifest.inputs).every(([input, hash]) => sha256Of(join(REPO, input)) === hash)
    return unchanged && existsSync(manifest.file) ? manifest.file : undefined
  } catch {
    return undefined
  }
}

async function bundle(): Promise<string> {
  const {build} = await import('esbuild')
  const result = await build({
    absWorkingDir: REPO,
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].text
  const file = join(CACHE, `line-scan-worker-${createHash('sha1').update(code).digest('hex').slice(0, 16)}.mjs`)
  await mkdir(CACHE, {recursive: true})
  if (!existsSync(file)) await writeAtomically(file, code)
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((input) => [input, sha256Of(join(REPO, input))]))
  await writeAtomically(MANIFEST, JSON.stringify({file, inputs} satisfies Manifest))
  return file
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, file)
}
