/**
 * `validateDocuments` on both cores: Sanity's `validateDocument` costs milliseconds of CPU per article
 * (an rxjs pipeline per schema node, most of it garbage collection), so a 10,000-article import is
 * bound by it. Documents go to `workers` threads in chunks, pulled as each worker finishes, and the
 * problems come back in document order, so the result is exactly `validateDocuments(documents, {index})`
 * whatever the timing. Each worker gets the index once, as stubs (`validationStub`), and a young
 * generation large enough that the validator's short-lived objects die there instead of being copied.
 */
import {Worker} from 'node:worker_threads'

import type {SanityDocumentLike} from 'sanity'

import type {ValidationProblem} from './validateDocuments'
import type {WorkerAnswer} from './validationWorker'
import {validationWorkerFile} from './validationWorkerBundle'

export interface ValidateInWorkersOptions {
  /** Every document the validators may ask about (dataset and run), as `validationStub`s. */
  stubs: SanityDocumentLike[]
  workers?: number
  chunkSize?: number
  /** Young generation per worker; 64 MB cut the validator's GC time by about a third in measurements. */
  youngGenerationMegabytes?: number
  onProgress?: (done: number, total: number) => void
}

export async function validateInWorkers(documents: SanityDocumentLike[], options: ValidateInWorkersOptions): Promise<ValidationProblem[]> {
  const chunkSize = options.chunkSize ?? 50
  const chunks: SanityDocumentLike[][] = []
  for (let start = 0; start < documents.length; start += chunkSize) chunks.push(documents.slice(start, start + chunkSize))
  const results: ValidationProblem[][] = new Array(chunks.length)
  const file = await validationWorkerFile()
  const workers = Array.from(
    {length: Math.max(1, Math.min(options.workers ?? 2, chunks.length))},
    () =>
      new Worker(file, {
        workerData: {stubs: options.stubs},
        execArgv: [],
        resourceLimits: {maxYoungGenerationSizeMb: options.youngGenerationMegabytes ?? 64},
      }),
  )
  let next = 0
  let done = 0
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolveWorker, reject) => {
            // two chunks in flight per worker, so it never idles while the main thread answers
            const send = () => {
              if (next < chunks.length) worker.postMessage({chunk: next, documents: chunks[next++]})
            }
            let inFlight = 0
            const feed = () => {
              while (inFlight < 2 && next < chunks.length) (send(), inFlight++)
              if (inFlight === 0) resolveWorker()
            }
            worker.on('message', (answer: WorkerAnswer) => {
              inFlight--
              if ('error' in answer) return reject(new Error(`validation worker: ${answer.error}`))
              results[answer.chunk] = answer.problems
              done += chunks[answer.chunk].length
              options.onProgress?.(done, documents.length)
              feed()
            })
            worker.on('error', reject)
            worker.on('exit', (code) => (inFlight > 0 ? reject(new Error(`validation worker exited with code ${code}`)) : undefined))
            feed()
          }),
      ),
    )
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
  return results.flat()
}
