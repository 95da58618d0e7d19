/**
 * `npm run build:package` (also `prepack`): compiles the package entries (schemas, validation, plugins, queries,
 * lake) to JavaScript and type declarations in `lib/`, which the package's `exports` point at, so consumers need
 * no TypeScript set-up for node_modules (plain Node, any bundler). `lib/` rather than `dist/` because
 * `sanity build` owns `dist/`.
 *
 * JavaScript: esbuild, one ESM file per entry with shared chunks, every package import left external so the
 * consumer's single copy of `sanity`/React is used. Declarations: `tsc --emitDeclarationOnly`.
 * `buildPackage` is exported so the packaging test checks the very files `npm pack` ships.
 */
import {execFile} from 'node:child_process'
import {rm, writeFile} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'
import {parseArgs} from 'node:util'

import {build} from 'esbuild'

import {PREBUILT_SCAN_WORKER} from '../lake/store/scanWorkerFile'

const run = promisify(execFile)

const PROJECT_DIR = resolve(import.meta.dirname, '..')

/** Entry name (→ `lib/<name>.js`, `exports["./<name>"]`) → source file. */
export const PACKAGE_ENTRIES = {
  schemas: 'schemas/index.ts',
  validation: 'schemas/validation/index.ts',
  plugins: 'plugins/index.ts',
  queries: 'queries/index.ts',
  lake: 'lake/index.ts',
} as const

/** Worker-thread entry (→ `lib/<name>.js`, not exported) → source file. */
export const WORKER_ENTRIES = {
  [PREBUILT_SCAN_WORKER.replace(/\.js$/, '')]: 'lake/store/lineScanWorker.ts',
}

export interface BuildPackageOptions {
  /** Output folder, emptied first. */
  outDir: string
  /** Also emit `.d.ts` files under `<outDir>/types` (slower: a full tsc pass). */
  declarations: boolean
}

export async function buildPackage({outDir, declarations}: BuildPackageOptions): Promise<void> {
  await rm(outDir, {recursive: true, force: true})
  await build({
    absWorkingDir: PROJECT_DIR,
    entryPoints: PACKAGE_ENTRIES,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    target: 'es2022',
    jsx: 'automatic',
    sourcemap: true,
    logLevel: 'warning',
  })
  // Worker threads load a file, not a chunk: each worker ships as one self-contained module beside the chunks
  // (`lake/store/scanWorkerFile.ts` looks for it there).
  await build({
    absWorkingDir: PROJECT_DIR,
    entryPoints: WORKER_ENTRIES,
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  })
  if (declarations) await emitDeclarations(join(outDir, 'types'))
}

async function emitDeclarations(typesDir: string): Promise<void> {
  // A throw-away tsconfig: the project's settings, declaration output only, just the entries' import graphs.
  // Named per output folder so a test build and `npm pack` can run at the same time.
  const tsconfig = join(PROJECT_DIR, `tsconfig.build-package.${process.pid}.json`)
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: {noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: typesDir},
      include: [],
      files: Object.values(PACKAGE_ENTRIES),
    }),
  )
  try {
    await run(join(PROJECT_DIR, 'node_modules', '.bin', 'tsc'), ['-p', tsconfig], {cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024})
  } catch (error) {
    const output = (error as {stdout?: string}).stdout ?? String(error)
    throw new Error(`Declarations failed (tsc --emitDeclarationOnly):\n${output}`)
  } finally {
    await rm(tsconfig, {force: true})
  }
}

const HELP = `Usage: npm run build:package -- [--out-dir lib] [--no-types]

Compiles ${Object.values(PACKAGE_ENTRIES).join(', ')} to ESM JavaScript (+ .d.ts) in the output folder.
`

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {'out-dir': {type: 'string', default: 'lib'}, 'no-types': {type: 'boolean', default: false}, help: {type: 'boolean'}},
  })
  if (values.help) return void process.stdout.write(HELP)
  const outDir = resolve(PROJECT_DIR, values['out-dir']!)
  await buildPackage({outDir, declarations: !values['no-types']})
  console.error(`JavaScript: ${Object.keys(PACKAGE_ENTRIES).map((name) => `${name}.js`).join(', ')} in ${outDir}`)
  if (!values['no-types']) console.error(`Declarations: ${join(outDir, 'types')}/<entry>/index.d.ts`)
}

// Run only as a script (`tsx scripts/build-package.ts`), not when a test imports `buildPackage`.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
