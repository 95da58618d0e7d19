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
 */
import {spawn} from 'node:child_process'

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

const generated = await Promise.all([
  runCaptured('typegen:check', ...npm('typegen:check')),
  runCaptured('schema:validate', ...npm('schema:validate')),
])
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
