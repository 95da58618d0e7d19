/**
 * The first open's scan worker (`lineScanWorker.ts`) as one plain ESM file a worker thread can load: a worker
 * started from TypeScript sources would need tsx's loader in the thread (Node 20 does not pass it on), costing
 * ~0.5 s of start-up per worker; vitest's workers would not load TypeScript at all.
 * - The published package ships it prebuilt (`npm run build:package` writes `lib/lineScanWorker.js` beside the
 *   chunk this module is compiled into).
 * - Running from sources, `scanWorkerBundle.ts` bundles it with esbuild (a dev dependency) under
 *   `node_modules/.cache/china-desk/`. That module is loaded by URL, not by a static path, so the package
 *   build never pulls esbuild into `lib/`.
 * Where neither works, there is no worker file and the open scans on its own thread.
 */
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

/** What `build:package` emits beside the compiled lake chunks. */
export const PREBUILT_SCAN_WORKER = 'lineScanWorker.js'

let located: Promise<string | undefined> | undefined

/** Path of the worker file (prebuilt, or bundled from sources on first use in this process); undefined when there is none. */
export function scanWorkerFile(): Promise<string | undefined> {
  located ??= locate().catch(() => undefined)
  return located
}

async function locate(): Promise<string | undefined> {
  const prebuilt = fileURLToPath(new URL(`./${PREBUILT_SCAN_WORKER}`, import.meta.url))
  if (existsSync(prebuilt)) return prebuilt
  const bundler = new URL('./scanWorkerBundle.ts', import.meta.url)
  if (!existsSync(fileURLToPath(bundler))) return undefined
  const {bundledScanWorker} = (await import(bundler.href)) as typeof import('./scanWorkerBundle')
  return bundledScanWorker()
}
