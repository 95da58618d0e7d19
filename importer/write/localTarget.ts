/**
 * The embedded local dataset as an import target. The whole run is ONE `LocalLake.mutate` transaction,
 * so an import is all-or-nothing. A dataset file that does not exist yet is read as empty and only
 * created when there is something to write, so a failed or dry run leaves no file behind.
 *
 * Imports exclude each other through `<dataset>.import.lock` (the store's own cross-process file lock,
 * a separate file from the writers' lock, which `mutate` takes inside): the plan reads the stored
 * documents and writes while holding it, so a second import started at the same time plans against
 * what the first one wrote and truthfully reports it unchanged.
 */
import {randomUUID} from 'node:crypto'
import {existsSync, mkdirSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import {LocalLake, type Mutation} from '../../lake'
import {acquireFileLock} from '../../lake/store/fileLock'
import {contentHash} from '../assemble/deterministicKey'
import type {ImportTarget, WriteSummary} from './importTarget'

// Long enough for another import's plan and write of 10,000 documents on a busy machine.
const IMPORT_LOCK_TIMEOUT_MS = 5 * 60_000

export class LocalTarget implements ImportTarget {
  private lake: LocalLake | undefined
  private readonly token = randomUUID()

  constructor(private readonly datasetFile: string) {}

  get description(): string {
    return `local dataset ${this.datasetFile}`
  }

  private async openLake(create: boolean): Promise<LocalLake | undefined> {
    if (!this.lake && (create || existsSync(this.datasetFile))) {
      this.lake = await LocalLake.open(this.datasetFile, {createIfMissing: create})
    }
    return this.lake
  }

  async fetch<R>(query: string, params: Record<string, unknown> = {}): Promise<R> {
    const lake = await this.openLake(false)
    // Every importer query returns an array; an absent dataset simply has no documents.
    if (!lake) return [] as R
    return lake.fetch<R>(query, params, {perspective: 'raw'})
  }

  async getDocuments(ids: string[]) {
    const lake = await this.openLake(false)
    const found = new Map<string, Record<string, unknown> & {_id: string; _type: string}>()
    for (const document of lake ? await lake.getDocuments(ids) : []) if (document) found.set(document._id, document as never)
    return found
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    // Taken even when the dataset file does not exist yet: two first imports race exactly then.
    mkdirSync(dirname(resolve(this.datasetFile)), {recursive: true})
    const release = await acquireFileLock(`${this.datasetFile}.import.lock`, this.token, IMPORT_LOCK_TIMEOUT_MS)
    try {
      return await work()
    } finally {
      release()
    }
  }

  async write(mutations: Mutation[], onProgress?: (progress: {done: number; total: number}) => void): Promise<WriteSummary> {
    if (mutations.length === 0) return {transactions: 0, mutations: 0, retries: 0}
    const lake = (await this.openLake(true))!
    // Same content, same transaction id: a repeated identical import is recognisable in the log.
    await lake.mutate(mutations, {transactionId: `import-${contentHash(mutations).slice(0, 24)}`})
    onProgress?.({done: mutations.length, total: mutations.length})
    return {transactions: 1, mutations: mutations.length, retries: 0}
  }

  async close(): Promise<void> {
    await this.lake?.close()
  }
}
