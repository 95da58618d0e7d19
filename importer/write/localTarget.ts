/**
 * The embedded local dataset as an import target. The whole run is ONE `LocalLake.mutate` transaction,
 * so an import is all-or-nothing. A dataset file that does not exist yet is read as empty and only
 * created when there is something to write, so a failed or dry run leaves no file behind.
 */
import {existsSync} from 'node:fs'

import {LocalLake, type Mutation} from '../../lake'
import {contentHash} from '../assemble/deterministicKey'
import type {ImportTarget, WriteSummary} from './importTarget'

export class LocalTarget implements ImportTarget {
  private lake: LocalLake | undefined

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
