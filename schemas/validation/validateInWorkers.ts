/**
 * `validateDocuments` off the main thread, on both cores for large runs. Sanity's `validateDocument`
 * costs tens of milliseconds of CPU per linked article (an rxjs pipeline per schema node, half of it
 * garbage collection), so a large import is bound by it; and loading `sanity` under tsx costs ~500 MB
 * RSS, so even a small import validates in a worker that loads it through plain Node (see
 * `validationWorkerBundle.ts`). The workers live for the process (unref'd while idle), so a test file or
 * a migration running many imports starts them once. Documents go out in chunks, pulled as each worker
 * finishes; problems come back in document order, so the result is exactly
 * `validateDocuments(documents, {index})` whatever the timing. Each run sends its index once, as stubs.
 */
import {Worker} from 'node:worker_threads'

import type {SanityDocumentLike} from 'sanity'

import type {ValidationProblem} from './validateDocuments'
import type {WorkerAnswer, WorkerRequest} from './validationWorker'
import {validationWorkerFile} from './validationWorkerBundle'

/**
 * Young generation per worker (V8 gives each semi-space a third) and documents validated at once per
 * worker. Measured on 200 linked articles: default heap and 16 at a time 62 ms CPU per article, a large
 * young generation and 2 at a time 26 ms: every document in flight keeps its rxjs tree alive across GCs.
 */
const YOUNG_GENERATION_MB = 384
const CONCURRENCY = 2

export interface ValidateInWorkersOptions {
  /** Every document the validators may ask about (dataset and run), as `validationStub`s. */
  stubs: SanityDocumentLike[]
  workers?: number
  chunkSize?: number
  onProgress?: (done: number, total: number) => void
}

const pool: (Promise<Worker> | undefined)[] = []
let runs = 0

function pooledWorker(at: number): Promise<Worker> {
  const existing = pool[at]
  if (existing) return existing
  const started = validationWorkerFile().then((file) => {
    const worker = new Worker(file, {execArgv: [], resourceLimits: {maxYoungGenerationSizeMb: YOUNG_GENERATION_MB}})
    worker.unref()
    // a worker that died leaves the pool; the next run starts a fresh one
    worker.once('exit', () => {
      if (pool[at] === started) pool[at] = undefined
    })
    return worker
  })
  pool[at] = started
  return started
}

export async function validateInWorkers(documents: SanityDocumentLike[], options: ValidateInWorkersOptions): Promise<ValidationProblem[]> {
  const chunkSize = options.chunkSize ?? 50
  const chunks: SanityDocumentLike[][] = []
  for (let start = 0; start < documents.length; start += chunkSize) chunks.push(documents.slice(start, start + chunkSize))
  if (chunks.length === 0) return []
  const run = ++runs
  const results: ValidationProblem[][] = new Array(chunks.length)
  const count = Math.max(1, Math.min(options.workers ?? 2, chunks.length))
  const workers = await Promise.all(Array.from({length: count}, (_, at) => pooledWorker(at)))
  let next = 0
  let done = 0
  const detach: (() => void)[] = []
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolveWorker, reject) => {
            let inFlight = 0
            // two chunks in flight per worker, so it never idles while the main thread answers
            const feed = () => {
              while (inFlight < 2 && next < chunks.length) {
                worker.postMessage({run, chunk: next, documents: chunks[next++]} satisfies WorkerRequest)
                inFlight++
              }
              if (inFlight === 0) resolveWorker()
            }
            const onMessage = (answer: WorkerAnswer) => {
              if (answer.run !== run) return
              inFlight--
              if ('error' in answer) return reject(new Error(`validation worker: ${answer.error}`))
              results[answer.chunk] = answer.problems
              done += chunks[answer.chunk].length
              options.onProgress?.(done, documents.length)
              feed()
            }
            const onExit = (code: number) => reject(new Error(`validation worker exited with code ${code}`))
            worker.on('message', onMessage)
            worker.on('error', reject)
            worker.on('exit', onExit)
            detach.push(() => (worker.off('message', onMessage), worker.off('error', reject), worker.off('exit', onExit), worker.unref()))
            worker.ref()
            worker.postMessage({run, stubs: options.stubs, concurrency: CONCURRENCY} satisfies WorkerRequest)
            feed()
          }),
      ),
    )
  } finally {
    for (const undo of detach) undo()
  }
  return results.flat()
}
