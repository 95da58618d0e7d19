/**
 * `npm test`: every check the README promises, overlapped so the whole run stays near ten minutes on two cores.
 *
 * The static checks are Sanity CLI and compiler runs that each boot for half a minute; run one after another
 * they cost as much as the fastest half of the test files. They overlap where they cannot disturb each other:
 * 1. `typegen:check` (rewrites `schema.json` and `queries/sanity.types.ts`) beside `schema:validate`;
 * 2. then `tsc --noEmit` beside vitest, which both read the generated types, so they start only once those
 *    files are written and checked.
 * A check's report is printed when it ends (never interleaved with vitest's): its last line when it passed,
 * everything when it failed; any failure fails the run. Extra arguments go to vitest (`npm test -- tests/lake`).
 *
 * The two static checks read only the Studio config and what it imports, the queries, the committed generated
 * files, the lockfile (the CLI's version) and their scripts. A pass is recorded per machine under a hash of those
 * bytes (`tests/studio/harness/sourceKey.ts`), and a later run with the same bytes, e.g. a fresh clone of a commit
 * this machine already checked, reports that pass instead of booting the Sanity CLI three times (~85 CPU-s and
 * about a minute before vitest can start). Any change to an input runs the checks; a failure is never recorded;
 * `CHINA_DESK_FRESH_CHECKS=1` always runs them.
 */
import {spawn} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {join, resolve} from 'node:path'

import {sourceKey} from '../tests/studio/harness/sourceKey'

interface CheckResult {
  name: string
  code: number
  output: string
  seconds: number
}

/** Runs a command with its output captured, for a check whose report is printed as one block. */
function runCaptured(name: string, command: string, args: readonly string[]): Promise<CheckResult> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(command, [...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, FORCE_COLOR: '0'}})
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    const finish = (code: number) => resolve({name, code, output, seconds: (performance.now() - started) / 1000})
    child.on('error', (error) => {
      output += `${error.message}\n`
      finish(1)
    })
    child.on('close', (code, signal) => finish(code ?? (signal ? 1 : 0)))
  })
}

/** Runs a command on this terminal, for vitest's live report. */
function runInherited(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {stdio: 'inherit'})
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`)
      resolve(1)
    })
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

function report(result: CheckResult): boolean {
  const status = result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`
  console.log(`\n── ${result.name}: ${status} in ${result.seconds.toFixed(0)} s`)
  const output = result.output.trim()
  // A passing check says so in its last line; a failing one shows everything it printed.
  if (output) console.log(result.code === 0 ? output.split('\n').at(-1) : output)
  return result.code === 0
}

const npm = (script: string) => ['npm', ['run', '-s', script]] as const

const PASSED_CHECKS = join(homedir(), '.cache', 'china-desk-checks')
const checksKey = await sourceKey({
  projectDir: resolve(import.meta.dirname, '..'),
  entries: ['sanity.config.ts', 'sanity.cli.ts'],
  folders: ['queries'],
  files: ['schema.json', 'package.json', 'package-lock.json', 'scripts/check-typegen.ts', 'scripts/validate-schema.ts'],
})

/** Runs a static check unless this machine saw it pass on the same inputs; records a pass. */
async function runCheck(name: string): Promise<CheckResult> {
  const record = join(PASSED_CHECKS, `${name.replace(/\W/g, '-')}-${checksKey}`)
  if (process.env.CHINA_DESK_FRESH_CHECKS !== '1' && existsSync(record)) {
    return {name, code: 0, seconds: 0, output: `passed on these inputs at ${readFileSync(record, 'utf8')} (${checksKey}); not run again`}
  }
  const result = await runCaptured(name, ...npm(name))
  if (result.code === 0) {
    await mkdir(PASSED_CHECKS, {recursive: true})
    await writeFile(record, new Date().toISOString())
  }
  return result
}

const generated = await Promise.all([runCheck('typegen:check'), runCheck('schema:validate')])
if (!generated.map(report).every(Boolean)) {
  console.error('\nnpm test: a static check failed (above); the test files were not run.')
  process.exit(1)
}

const typecheck = runCaptured('typecheck (tsc --noEmit)', ...npm('typecheck'))
const vitestCode = await runInherited('npx', ['vitest', 'run', ...process.argv.slice(2)])
const typecheckPassed = report(await typecheck)
if (vitestCode !== 0 || !typecheckPassed) {
  console.error(`\nnpm test: ${[vitestCode !== 0 && 'vitest', !typecheckPassed && 'tsc'].filter(Boolean).join(' and ')} failed.`)
  process.exit(1)
}
console.log('\nnpm test: static checks and every test file passed.')
