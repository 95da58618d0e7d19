/**
 * Entry of a query worker thread. Worker threads do not inherit the TypeScript loader of the thread that started
 * them (vitest's, or the one `tsx` installs), so when the worker's module is TypeScript, tsx's loader is
 * registered here first. A compiled build points `workerData.entry` at JavaScript and skips this.
 */
import {workerData} from 'node:worker_threads'

if (workerData.entry.endsWith('.ts')) {
  const {register} = await import('tsx/esm/api')
  register()
}
await import(workerData.entry)
