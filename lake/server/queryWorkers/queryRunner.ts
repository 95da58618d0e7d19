/**
 * Where the stand-in evaluates GROQ. `WorkerQueryRunner` (workerPool.ts) runs each query in a worker thread with
 * a time limit, so a pathological query cannot stall pings, listeners or writes; `InProcessQueryRunner` is the
 * fallback for a store that is not a dataset file (tests with a custom `LakeStore`, zero workers). Both answer
 * with the result already serialised, so a large result is not parsed and re-stringified on the main thread.
 */
import {MissingParameterError} from '../../query/parameters'
import {selectDocuments, type DocumentSelection, type SelectedDocument} from '../../query/queryMutations'
import type {Perspective} from '../../types'
import type {LakeStore} from '../types'

export interface QueryJob {
  query: string
  params: Record<string, unknown>
  perspective: Perspective
}

export interface QueryRunner {
  /** The query's result as JSON text (`null` for undefined). Rejects with the errors below. */
  query(job: QueryJob, signal?: AbortSignal): Promise<string>
  /** The documents a query-based mutation touches, raw, with the transaction's earlier changes applied. */
  select(job: DocumentSelection, signal?: AbortSignal): Promise<SelectedDocument[]>
  /** For tests and diagnostics: how many workers were replaced after a timeout or a client leaving. */
  stats(): {workers: number; ready: number; replaced: number; running: number; queued: number}
  close(): Promise<void>
}

/** What crosses the worker boundary about a failed query: enough for a Content Lake-shaped 400. */
export interface QueryErrorInfo {
  name: string
  message: string
  /** Offsets in the query the error points at (parse errors, missing parameters). */
  start?: number
  end?: number
}

export class QueryFailedError extends Error {
  constructor(readonly info: QueryErrorInfo) {
    super(info.message)
  }
}

export class QueryTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Query timed out: evaluation exceeded the ${timeoutMs} ms limit and was stopped`)
  }
}

/** The client went away; there is nobody to answer. */
export class QueryCancelledError extends Error {
  constructor() {
    super('The client closed the request; the query was stopped')
  }
}

export function describeQueryError(error: unknown): QueryErrorInfo {
  if (error instanceof MissingParameterError) return {name: error.name, message: error.message, start: error.start, end: error.end}
  if (error instanceof Error) {
    const position = (error as {position?: unknown}).position
    return typeof position === 'number'
      ? {name: error.name, message: error.message, start: position, end: position + 1}
      : {name: error.name, message: error.message}
  }
  return {name: 'Error', message: String(error)}
}

export class InProcessQueryRunner implements QueryRunner {
  constructor(private readonly lake: LakeStore) {}

  async query(job: QueryJob): Promise<string> {
    try {
      const result = await this.lake.fetch(job.query, job.params, {perspective: job.perspective})
      return JSON.stringify(result ?? null)
    } catch (error) {
      throw new QueryFailedError(describeQueryError(error))
    }
  }

  async select(job: DocumentSelection): Promise<SelectedDocument[]> {
    try {
      const documents = this.lake.allDocuments
        ? this.lake.allDocuments()
        : await this.lake.fetch<never[]>('*', {}, {perspective: 'raw'})
      return await selectDocuments(job, documents)
    } catch (error) {
      throw new QueryFailedError(describeQueryError(error))
    }
  }

  stats() {
    return {workers: 0, ready: 0, replaced: 0, running: 0, queued: 0}
  }

  async close(): Promise<void> {}
}
