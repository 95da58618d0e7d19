/**
 * Runs a `defineMigration` migration against the local dataset, offline. `sanity migration run` reads
 * documents from the export API and writes through the mutate API; here the same `sanity/migrate`
 * machinery (`collectMigrationMutations`: documentTypes, node/document helpers, async-iterable
 * migrations) reads from a `LocalLake` and the resulting mutations are applied as ONE lake transaction.
 */
import {collectMigrationMutations, type Migration, type MigrationContext} from 'sanity/migrate'
import type {SanityDocument} from 'sanity'

import type {LocalLake, TransactionResult} from '../../lake'
import {toLakeMutations} from './toLakeMutations'

export interface LocalMigrationResult {
  documents: number
  mutations: number
  transaction?: TransactionResult
}

export async function runMigrationLocally(
  migration: Migration,
  lake: LocalLake,
  options: {dryRun?: boolean} = {},
): Promise<LocalMigrationResult> {
  const filter = [
    migration.documentTypes?.length ? '_type in $types' : 'true',
    migration.filter ? `(${migration.filter})` : 'true',
  ].join(' && ')
  const selected = await lake.fetch<SanityDocument[]>(`*[${filter}]`, {types: migration.documentTypes ?? []}, {perspective: 'raw'})
  const byId = new Map(selected.map((document) => [document._id, document]))

  async function* documents(): AsyncIterableIterator<SanityDocument> {
    for (const document of selected) yield document
  }
  const context: MigrationContext = {
    // Only what migrations may use of the real client: read queries, answered by the lake.
    client: {fetch: (query: string, params?: Record<string, unknown>) => lake.fetch(query, params ?? {}, {perspective: 'raw'})} as never,
    dryRun: Boolean(options.dryRun),
    filtered: {
      getDocument: async <T extends SanityDocument>(id: string) => byId.get(id) as T | undefined,
      getDocuments: async <T extends SanityDocument>(ids: string[]) => ids.map((id) => byId.get(id)).filter(Boolean) as T[],
    },
  }

  const collected = []
  for await (const batch of collectMigrationMutations(migration, documents, context)) {
    collected.push(...(Array.isArray(batch) ? batch : [batch]))
  }
  const mutations = toLakeMutations(collected)
  if (options.dryRun || mutations.length === 0) return {documents: selected.length, mutations: mutations.length}
  const transaction = await lake.mutate(mutations)
  return {documents: selected.length, mutations: mutations.length, transaction}
}
