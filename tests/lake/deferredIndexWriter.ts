/**
 * Child process of `deferredKeyIndex.test.ts`: opens a dataset with a parallel scan (so the key index is written
 * after the open returned) and kills itself with SIGKILL as soon as the index's temp file exists, before a byte of
 * it could be renamed into place. Usage: deferredIndexWriter.ts <file>
 */
import {existsSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {LocalLake} from '../../lake'

const file = process.argv[2]
const temp = join(dirname(file), `.${basename(file)}.index.${process.pid}.tmp.1`)
await LocalLake.open(file, {keyIndexMinBytes: 0, parallelScanMinBytes: 0, scanWorkers: 2, scanBlockBytes: 4096})
// A synchronous wait: the event loop, which issues the writes and the rename, never gets another turn.
const deadline = Date.now() + 20_000
while (!existsSync(temp) && Date.now() < deadline);
process.stdout.write(existsSync(temp) ? 'temp\n' : 'no temp\n')
process.kill(process.pid, 'SIGKILL')
