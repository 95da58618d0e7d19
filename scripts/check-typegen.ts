/**
 * `npm run typegen:check`: regenerates schema.json and queries/sanity.types.ts and fails when
 * the committed copies differ, so stale generated types never land.
 */
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'

const generated = ['schema.json', 'queries/sanity.types.ts']
const before = generated.map((file) => readIfPresent(file))

const run = spawnSync('npm', ['run', '-s', 'typegen'], {stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8'})
if (run.status !== 0) {
  console.error(run.stdout)
  console.error('npm run typegen failed; see the output above.')
  process.exit(1)
}
const stale = generated.filter((file, index) => readIfPresent(file) !== before[index])
if (stale.length > 0) {
  console.error(`Generated files were stale: ${stale.join(', ')}.\nThey are now regenerated: review and commit them.`)
  process.exit(1)
}
console.log('typegen: schema.json and queries/sanity.types.ts are up to date')

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}
