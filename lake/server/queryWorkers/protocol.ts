/** Messages between the stand-in and its query workers (structured-cloned over `postMessage`). */
import type {DocumentSelection, SelectedDocument} from '../../query/queryMutations'
import type {QueryErrorInfo, QueryJob} from './queryRunner'

export interface WorkerData {
  /** The worker module (`queryWorker.ts`, or its compiled `.js`). */
  entry: string
  datasetFile: string
}

export type WorkerRequest = {id: number; kind: 'query'; job: QueryJob} | {id: number; kind: 'select'; job: DocumentSelection}

export type WorkerReply =
  | {type: 'ready'}
  | {type: 'failed'; error: QueryErrorInfo}
  | {type: 'result'; id: number; json: string}
  | {type: 'selected'; id: number; documents: SelectedDocument[]}
  | {type: 'error'; id: number; error: QueryErrorInfo}
