/**
 * Queries off the event loop: a small pool of worker threads (queryWorker.ts), one query per worker at a time,
 * the rest waiting in order. A query that runs past the time limit, or whose client went away, is stopped by
 * terminating its worker (groq-js cannot be interrupted otherwise) and a fresh worker takes the slot. While a
 * worker starts (it loads the dataset), queries wait; if workers cannot start at all, queries fall back to the
 * in-process runner with one warning, so the Studio keeps working.
 */
import {Worker} from 'node:worker_threads'

import type {DocumentSelection, SelectedDocument} from '../../query/queryMutations'
import type {WorkerData, WorkerReply, WorkerRequest} from './protocol'
import {QueryCancelledError, QueryFailedError, QueryTimeoutError, type QueryJob, type QueryRunner} from './queryRunner'

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url)
const WORKER_ENTRY = new URL(`./queryWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href

type Request = {kind: 'query'; job: QueryJob} | {kind: 'select'; job: DocumentSelection}

interface Pending {
  request: Request
  resolve(value: unknown): void
  reject(error: Error): void
  signal?: AbortSignal
  onAbort?: () => void
}

interface Slot {
  worker: Worker
  ready: boolean
  /** Set once the slot is being replaced: its exit is expected. */
  retired: boolean
  job?: Pending & {id: number; timer: NodeJS.Timeout}
}

export interface WorkerPoolOptions {
  datasetFile: string
  workers: number
  timeoutMs: number
  /** Used when no worker can start (e.g. the dataset cannot be opened from a thread). */
  fallback: QueryRunner
}

export class WorkerQueryRunner implements QueryRunner {
  private readonly slots: Slot[] = []
  private readonly queue: Pending[] = []
  private nextId = 1
  private replaced = 0
  private closed = false
  private broken = false

  constructor(private readonly options: WorkerPoolOptions) {
    for (let index = 0; index < options.workers; index++) this.slots.push(this.spawn())
  }

  query(job: QueryJob, signal?: AbortSignal): Promise<string> {
    if (this.broken) return this.options.fallback.query(job, signal)
    return this.enqueue({kind: 'query', job}, signal) as Promise<string>
  }

  select(job: DocumentSelection, signal?: AbortSignal): Promise<SelectedDocument[]> {
    if (this.broken) return this.options.fallback.select(job, signal)
    return this.enqueue({kind: 'select', job}, signal) as Promise<SelectedDocument[]>
  }

  stats() {
    const running = this.slots.filter((slot) => slot.job).length
    const ready = this.slots.filter((slot) => slot.ready && !slot.retired).length
    return {workers: this.slots.length, ready, replaced: this.replaced, running, queued: this.queue.length}
  }

  async close(): Promise<void> {
    this.closed = true
    for (const pending of this.queue.splice(0)) pending.reject(new QueryCancelledError())
    await Promise.all(this.slots.map((slot) => ((slot.retired = true), slot.worker.terminate())))
  }

  private enqueue(request: Request, signal?: AbortSignal): Promise<unknown> {
    if (this.closed || signal?.aborted) return Promise.reject(new QueryCancelledError())
    return new Promise((resolve, reject) => {
      const pending: Pending = {request, resolve, reject, signal}
      pending.onAbort = () => this.cancel(pending)
      signal?.addEventListener('abort', pending.onAbort, {once: true})
      this.queue.push(pending)
      this.dispatch()
    })
  }

  private spawn(): Slot {
    const workerData: WorkerData = {entry: WORKER_ENTRY, datasetFile: this.options.datasetFile}
    const slot: Slot = {worker: new Worker(BOOTSTRAP, {workerData}), ready: false, retired: false}
    slot.worker.unref()
    slot.worker.on('message', (message: WorkerReply) => this.onMessage(slot, message))
    slot.worker.on('error', (error) => this.onDeath(slot, error))
    slot.worker.on('exit', (code) => this.onDeath(slot, new Error(`query worker exited with code ${code}`)))
    return slot
  }

  private onMessage(slot: Slot, message: WorkerReply): void {
    if (message.type === 'ready') {
      slot.ready = true
      return this.dispatch()
    }
    if (message.type === 'failed') return this.onDeath(slot, new QueryFailedError(message.error))
    const job = slot.job
    if (!job || job.id !== message.id) return
    this.finish(slot)
    if (message.type === 'result') job.resolve(message.json)
    else if (message.type === 'selected') job.resolve(message.documents)
    else job.reject(new QueryFailedError(message.error))
    this.dispatch()
  }

  private onDeath(slot: Slot, error: Error): void {
    if (slot.retired || this.closed) return
    slot.retired = true
    void slot.worker.terminate()
    if (!slot.ready) return this.giveUp(error)
    const job = slot.job
    this.finish(slot)
    job?.reject(error)
    this.replace(slot)
  }

  /** A worker could not even start: every later query runs in-process, as before workers existed. */
  private giveUp(error: Error): void {
    if (this.broken) return
    this.broken = true
    console.warn(`[lake stand-in] query workers unavailable (${error.message}); evaluating queries in-process, without a time limit`)
    for (const {request, resolve, reject} of this.queue.splice(0)) {
      const run: Promise<unknown> = request.kind === 'query' ? this.options.fallback.query(request.job) : this.options.fallback.select(request.job)
      run.then(resolve, reject)
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.retired || slot.job || this.queue.length === 0) continue
      const pending = this.queue.shift()!
      const id = this.nextId++
      const timer = setTimeout(() => this.stop(slot, new QueryTimeoutError(this.options.timeoutMs)), this.options.timeoutMs)
      slot.job = {...pending, id, timer}
      slot.worker.postMessage({...pending.request, id} as WorkerRequest)
    }
  }

  private cancel(pending: Pending): void {
    const queued = this.queue.indexOf(pending)
    if (queued >= 0) {
      this.queue.splice(queued, 1)
      return pending.reject(new QueryCancelledError())
    }
    const slot = this.slots.find((candidate) => candidate.job?.reject === pending.reject)
    if (slot) this.stop(slot, new QueryCancelledError())
  }

  /** Ends the slot's running query with `error` and replaces its worker, which may be stuck in groq-js. */
  private stop(slot: Slot, error: Error): void {
    const job = slot.job
    this.finish(slot)
    slot.retired = true
    void slot.worker.terminate()
    job?.reject(error)
    this.replace(slot)
  }

  private finish(slot: Slot): void {
    if (!slot.job) return
    clearTimeout(slot.job.timer)
    if (slot.job.onAbort) slot.job.signal?.removeEventListener('abort', slot.job.onAbort)
    slot.job = undefined
  }

  private replace(slot: Slot): void {
    if (this.closed) return
    const index = this.slots.indexOf(slot)
    if (index < 0) return
    this.replaced++
    this.slots[index] = this.spawn()
    this.dispatch()
  }
}
