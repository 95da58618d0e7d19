/**
 * `npm run schema:validate`: runs Sanity's own `sanity schema validate` and fails on any problem,
 * warnings included. The CLI itself exits 0 on warnings, which would let them pile up unnoticed.
 */
import {spawnSync} from 'node:child_process'

interface SchemaProblemGroup {
  path: Array<{kind: string; type?: string; name?: string}>
  problems: Array<{severity: 'error' | 'warning'; message: string; helpId?: string}>
}

const run = spawnSync('npx', ['sanity', 'schema', 'validate', '--format', 'json', '--level', 'warning'], {
  encoding: 'utf8',
  env: {...process.env, NO_COLOR: '1'},
})
const output = run.stdout.trim()
const jsonStart = output.indexOf('[')
if (jsonStart === -1) {
  console.error('sanity schema validate printed no report:\n' + run.stdout + run.stderr)
  process.exit(1)
}
const groups = JSON.parse(output.slice(jsonStart)) as SchemaProblemGroup[]
const problems = groups.flatMap((group) =>
  group.problems.map((problem) => {
    const where = group.path.map((segment) => segment.name ?? segment.type ?? segment.kind).join(' > ')
    return `${problem.severity.toUpperCase()} ${where}: ${problem.message}`
  }),
)
if (problems.length > 0 || run.status !== 0) {
  console.error(problems.join('\n') || run.stderr)
  console.error(`\nsanity schema validate: ${problems.length} problem(s); fix the schema types named above.`)
  process.exit(1)
}
console.log('sanity schema validate: no errors, no warnings')
