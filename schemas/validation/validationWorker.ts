/**
 * Worker-thread entry of `validateInWorkers`: Sanity's own `validateDocument` (through
 * `validateDocuments`) over the chunks of documents the main thread sends. A run first sends its index
 * (every document of the run and the dataset, as stubs: see `validationStub`), then its chunks; each
 * chunk's problems go back with the run and chunk number, so the main thread can put them in document
 * order whichever worker finished first. Bundled to plain JavaScript by `validationWorkerBundle.ts`
 * so it loads `sanity` through Node's own loader.
 */
import {parentPort} from 'node:worker_threads'

import type {SanityDocumentLike} from 'sanity'

import {validateDocuments, type ValidationProblem} from './validateDocuments'
import {ValidationIndex} from './validationIndex'

export type WorkerRequest =
  | {run: number; stubs: SanityDocumentLike[]; concurrency: number}
  | {run: number; chunk: number; documents: SanityDocumentLike[]}

export type WorkerAnswer = {run: number; chunk: number; problems: ValidationProblem[]} | {run: number; chunk: number; error: string}

const port = parentPort!
let current: {run: number; index: ValidationIndex; concurrency: number} | undefined

port.on('message', async (request: WorkerRequest) => {
  if ('stubs' in request) {
    current = {run: request.run, index: new ValidationIndex(request.stubs), concurrency: request.concurrency}
    return
  }
  const {run, chunk, documents} = request
  try {
    if (current?.run !== run) throw new Error(`chunk ${chunk} of run ${run} arrived without that run's index`)
    const problems = await validateDocuments(documents, {index: current.index, concurrency: current.concurrency})
    port.postMessage({run, chunk, problems} satisfies WorkerAnswer)
  } catch (error) {
    port.postMessage({run, chunk, error: (error as Error).stack ?? String(error)} satisfies WorkerAnswer)
  }
})
