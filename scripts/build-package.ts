/**
 * `npm run build:package` (also `prepack`): compiles the package entries (schemas, plugins, queries, lake) to
 * JavaScript and type declarations in `lib/`, which the package's `exports` point at, so consumers need no
 * TypeScript set-up for node_modules (plain Node, any bundler). `lib/` rather than `dist/` because `sanity build`
 * owns `dist/`.
 *
 * JavaScript: esbuild, one ESM file per entry with shared chunks, every package import left external so the
 * consumer's single copy of `sanity`/React is used. Declarations: `tsc --emitDeclarationOnly`.
 */
import {execFile} from 'node:child_process'
import {rm, writeFile} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'
import {parseArgs} from 'node:util'

import {build} from 'esbuild'

const run = promisify(execFile)

export const PACKAGE_ENTRIES = {
  schemas: 'schemas/index.ts',
  plugins: 'plugins/index.ts',
  queries: 'queries/index.ts',
  lake: 'lake/index.ts',
} as const

const HELP = `Usage: npm run build:package -- [--out-dir lib] [--no-types]

Compiles ${Object.values(PACKAGE_ENTRIES).join(', ')} to ESM JavaScript (+ .d.ts) in the output folder.
`

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {'out-dir': {type: 'string', default: 'lib'}, 'no-types': {type: 'boolean', default: false}, help: {type: 'boolean'}},
  })
  if (values.help) return void process.stdout.write(HELP)
  const projectDir = resolve(import.meta.dirname, '..')
  const outDir = resolve(projectDir, values['out-dir']!)
  await rm(outDir, {recursive: true, force: true})

  await build({
    absWorkingDir: projectDir,
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
  console.error(`JavaScript: ${Object.keys(PACKAGE_ENTRIES).map((name) => `${name}.js`).join(', ')} in ${outDir}`)

  if (values['no-types']) return
  // A throw-away tsconfig: the project's settings, declaration output only, just the entries' import graphs.
  const tsconfig = join(projectDir, 'tsconfig.build-package.json')
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: {noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: join(outDir, 'types')},
      include: [],
      files: Object.values(PACKAGE_ENTRIES),
    }),
  )
  try {
    await run(join(projectDir, 'node_modules', '.bin', 'tsc'), ['-p', tsconfig], {cwd: projectDir, maxBuffer: 64 * 1024 * 1024})
  } catch (error) {
    const output = (error as {stdout?: string}).stdout ?? String(error)
    throw new Error(`Declarations failed (tsc --emitDeclarationOnly):\n${output}`)
  } finally {
    await rm(tsconfig, {force: true})
  }
  console.error(`Declarations: ${join(outDir, 'types')}/<entry>/index.d.ts`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
