/**
 * Worker-thread entry of `validateInWorkers`: Sanity's own `validateDocument` (through
 * `validateDocuments`) over the chunks of documents the main thread sends, answering the validators'
 * questions from an index of every document of the run and the dataset, sent once as stubs (see
 * `validationStub`). A chunk's problems go back with the chunk's number, so the main thread can put
 * them in document order whichever worker finished first. Bundled to plain JavaScript by
 * `validationWorkerBundle.ts` so it loads `sanity` through Node's own loader.
 */
import {parentPort, workerData} from 'node:worker_threads'

import {validateDocuments} from './validateDocuments'
import {ValidationIndex} from './validationIndex'

export interface WorkerChunk {
  chunk: number
  documents: import('sanity').SanityDocumentLike[]
}

export type WorkerAnswer =
  | {chunk: number; problems: import('./validateDocuments').ValidationProblem[]}
  | {chunk: number; error: string}

const {stubs, concurrency} = workerData as {stubs: import('sanity').SanityDocumentLike[]; concurrency?: number}
const index = new ValidationIndex(stubs)
const port = parentPort!

port.on('message', async ({chunk, documents}: WorkerChunk) => {
  try {
    port.postMessage({chunk, problems: await validateDocuments(documents, {index, concurrency})} satisfies WorkerAnswer)
  } catch (error) {
    port.postMessage({chunk, error: (error as Error).stack ?? String(error)} satisfies WorkerAnswer)
  }
})
