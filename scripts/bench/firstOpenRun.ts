/**
 * The first open of a dataset file the lake has never seen (no key index beside it, as after `sanity dataset
 * export`), in a new process as `npm run query` or the Studio meets it: the bench process itself holds the
 * generated dataset's garbage, which a user's process does not. `queries.ts` starts this file with
 * `node --expose-gc --import tsx`. Prints `{openMs, openCpuMs, heapMegabytes, rssMegabytes}` as JSON; the heap is
 * measured after a full collection with the lake open, above the heap before it.
 *
 * Argument: the dataset file (its `.index`, `.postings` and `.txlog`, if any, are the caller's to remove).
 */
import {LocalLake} from '../../lake'

const [file] = process.argv.slice(2)
const collect = (globalThis as {gc?: () => void}).gc
if (!collect) throw new Error('firstOpenRun: start it with node --expose-gc')
const cpuMs = () => {
  const {user, system} = process.cpuUsage()
  return (user + system) / 1000
}

collect()
const baseline = process.memoryUsage().heapUsed
const [wall, cpu] = [performance.now(), cpuMs()]
const lake = await LocalLake.open(file)
const [openMs, openCpuMs] = [performance.now() - wall, cpuMs() - cpu]
if (lake.loadedKeysFrom !== 'scan') throw new Error(`firstOpenRun: ${file} had a key index already (${lake.loadedKeysFrom})`)
collect()
const heapMegabytes = (process.memoryUsage().heapUsed - baseline) / 1048576
const rssMegabytes = process.memoryUsage().rss / 1048576
// Waits for the background work (text postings, the key index write) so the caller can remove the files.
await lake.close()
process.stdout.write(JSON.stringify({openMs, openCpuMs, heapMegabytes, rssMegabytes}))
