/**
 * One bench case as `npm run query` meets it: a new process opens the dataset (from its key index file) and runs
 * the query once. `queries.ts` starts this file once per case (`node --import tsx`), so nothing is warm: no index
 * built by an earlier case, no compiled code. Prints `{openMs, openCpuMs, firstMs, firstCpuMs, gcMs}` as JSON.
 *
 * Arguments: the dataset file, a JSON file with the synthetic dataset's ids and slugs, and the case name.
 */
import {readFileSync} from 'node:fs'
import {PerformanceObserver} from 'node:perf_hooks'
import {LocalLake} from '../../lake'
import {loadBenchCases} from './benchCases'

const [file, idsFile, caseName] = process.argv.slice(2)
const {cases} = await loadBenchCases({documents: [], ...JSON.parse(readFileSync(idsFile, 'utf8'))})
const bench = cases.find((candidate) => candidate.name === caseName)
if (!bench) throw new Error(`coldRun: no case ${JSON.stringify(caseName)}`)

let gcMs = 0
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration
})
observer.observe({entryTypes: ['gc']})
const cpuMs = () => {
  const {user, system} = process.cpuUsage()
  return (user + system) / 1000
}

let [wall, cpu] = [performance.now(), cpuMs()]
const lake = await LocalLake.open(file)
const [openMs, openCpuMs] = [performance.now() - wall, cpuMs() - cpu]
if (lake.loadedKeysFrom !== 'index') throw new Error(`coldRun: ${file} did not reopen from its key index`)
// GC entries are delivered asynchronously: let the open's arrive before counting the query's.
await new Promise((resolve) => setTimeout(resolve, 0))
gcMs = 0
;[wall, cpu] = [performance.now(), cpuMs()]
await lake.fetch(bench.query, bench.params(0))
const [firstMs, firstCpuMs] = [performance.now() - wall, cpuMs() - cpu]
await new Promise((resolve) => setTimeout(resolve, 0))
observer.disconnect()
await lake.close()
process.stdout.write(JSON.stringify({openMs, openCpuMs, firstMs, firstCpuMs, gcMs}))
