/**
 * The hosted Content Lake as an import target, through `@sanity/client`. Mutations go out in
 * transactions under 256 KB, at most 6 at a time, each retried with backoff on 429/5xx/dropped
 * connections. Retries are safe because every mutation is `createOrReplace`/`createIfNotExists` on a
 * deterministic id and every transaction has a content-derived `transactionId`: a transaction the
 * server already applied is answered 409 "already exists", which counts as done. A failed run can
 * simply be rerun; it skips what arrived and sends the rest.
 */
import {createClient, type SanityClient} from '@sanity/client'

import type {Mutation} from '../../lake'
import {batchBySize, DEFAULT_MAX_BODY_BYTES, type MutationBatch} from './batchBySize'
import type {ImportTarget, WriteProgress, WriteSummary} from './importTarget'
import {isRetryable, type RetryOptions, retryDelayMs} from './retryPolicy'

export interface ContentLakeConfig {
  projectId: string
  dataset: string
  token: string
  /** e.g. `http://127.0.0.1:4010` for a loopback stand-in; default the real API. */
  apiHost?: string
  apiVersion?: string
}

export interface ContentLakeWriteOptions extends RetryOptions {
  maxBodyBytes?: number
  concurrency?: number
  sleep?: (ms: number) => Promise<void>
}

export const MAX_IN_FLIGHT = 6
const ID_CHUNK = 500

export function createImportClient(config: ContentLakeConfig): SanityClient {
  return createClient({
    projectId: config.projectId,
    dataset: config.dataset,
    token: config.token,
    apiVersion: config.apiVersion ?? '2025-02-19',
    useCdn: false,
    // A custom host (loopback stand-in) is used as given, without the project subdomain.
    ...(config.apiHost ? {apiHost: config.apiHost, useProjectHostname: false} : {}),
    // Retries are ours (Retry-After, jitter, transaction-id dedupe), so the client must not add its own.
    maxRetries: 0,
    timeout: 60_000,
  })
}

export class ContentLakeTarget implements ImportTarget {
  readonly description: string
  private readonly client: SanityClient
  private queue: Promise<unknown> = Promise.resolve()

  constructor(config: ContentLakeConfig, private readonly options: ContentLakeWriteOptions = {}) {
    this.client = createImportClient(config)
    this.description = `Content Lake ${config.projectId}/${config.dataset}`
  }

  fetch<R>(query: string, params: Record<string, unknown> = {}): Promise<R> {
    return this.client.fetch<R>(query, params, {perspective: 'raw'})
  }

  async getDocuments(ids: string[]) {
    const found = new Map<string, Record<string, unknown> & {_id: string; _type: string}>()
    for (let start = 0; start < ids.length; start += ID_CHUNK) {
      const documents = await this.fetch<(Record<string, unknown> & {_id: string; _type: string})[]>('*[_id in $ids]', {ids: ids.slice(start, start + ID_CHUNK)})
      for (const document of documents) found.set(document._id, document)
    }
    return found
  }

  /**
   * The Content Lake has no lock a client can hold across requests, so imports from two machines are
   * not serialised: each plan is as fresh as its read. (Writes stay safe: articles are createOrReplace,
   * entities createIfNotExists.) Imports from this process run one after another.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return run
  }

  async write(mutations: Mutation[], onProgress?: (progress: WriteProgress) => void): Promise<WriteSummary> {
    const batches = batchBySize(mutations, this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)
    const concurrency = Math.min(this.options.concurrency ?? MAX_IN_FLIGHT, MAX_IN_FLIGHT)
    let next = 0
    let done = 0
    let retries = 0
    let failure: Error | undefined
    const worker = async () => {
      // After one transaction fails for good, no worker starts another: the run stops cleanly and a
      // rerun picks up from what the dataset then holds.
      while (next < batches.length && !failure) {
        const batch = batches[next++]
        try {
          const batchRetries = await this.send(batch)
          retries += batchRetries
          done += batch.mutations.length
          onProgress?.({done, total: mutations.length})
        } catch (error) {
          failure ??= error as Error
        }
      }
    }
    await Promise.all(Array.from({length: Math.min(concurrency, batches.length)}, worker))
    if (failure) throw failure
    return {transactions: batches.length, mutations: mutations.length, retries}
  }

  /** Sends one transaction until it is applied; returns how many retries it took. */
  private async send(batch: MutationBatch): Promise<number> {
    const maxAttempts = this.options.maxAttempts ?? 8
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.mutate(batch.mutations as never, {
          transactionId: batch.transactionId,
          visibility: 'async',
          returnDocuments: false,
        })
        return attempt
      } catch (error) {
        if (isAlreadyApplied(error)) return attempt
        if (!isRetryable(error) || attempt + 1 >= maxAttempts) {
          throw new Error(`Content Lake transaction ${batch.transactionId} (${batch.mutations.length} mutations) failed after ${attempt + 1} attempt(s): ${describe(error)}`)
        }
        await sleep(retryDelayMs(error, attempt, this.options))
      }
    }
  }

  async close(): Promise<void> {}
}

/** The server already has this transaction id: an earlier attempt did arrive, only its answer was lost. */
function isAlreadyApplied(error: unknown): boolean {
  const {statusCode, message} = error as {statusCode?: number; message?: string}
  return statusCode === 409 && /transaction/i.test(message ?? '') && /already exists/i.test(message ?? '')
}

function describe(error: unknown): string {
  const {statusCode, message} = error as {statusCode?: number; message?: string}
  return statusCode ? `HTTP ${statusCode}: ${message}` : String(message ?? error)
}
