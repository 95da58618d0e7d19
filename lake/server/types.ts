/**
 * What the Studio stand-in needs from the local Content Lake: the `LocalLake` surface from the shared contract,
 * written as a structural type so the server also accepts any store with the same methods (tests, wrappers).
 */
import type {Doc, FetchOptions, LakeMutationEvent, MutateOptions, Mutation, TransactionResult} from '../types'
import type {OriginPolicy} from './originPolicy'
import type {QueryRunner} from './queryWorkers/queryRunner'

export interface LakeStore {
  fetch<R = unknown>(query: string, params?: Record<string, unknown>, options?: FetchOptions): Promise<R>
  getDocument(id: string): Promise<Doc | undefined>
  getDocuments(ids: string[]): Promise<(Doc | null)[]>
  mutate(mutations: Mutation[], options?: MutateOptions): Promise<TransactionResult>
  listen(listener: (event: LakeMutationEvent) => void): () => void
  /** Every stored document (raw); lets query-based mutations see the transaction's earlier changes in-process. */
  allDocuments?(): Doc[]
}

/** One route the stand-in does not implement, as the Studio called it (tests read this list). */
export interface UnknownRoute {
  method: string
  path: string
  at: string
}

/** Settings shared by every route handler. */
export interface StandInContext {
  lake: LakeStore
  projectId: string
  dataset: string
  /** Where uploaded asset files are kept (`assets/` beside the dataset file). */
  assetDir: string
  /** Origin the stand-in answers on, e.g. `https://localhost:3434`: asset URLs point here. */
  publicOrigin: string
  unknownRoutes: UnknownRoute[]
  /** Which browser origins get CORS answers; without one, none do (requests without `Origin` are unaffected). */
  origins?: OriginPolicy
  /** Where queries are evaluated; without one, in this thread through `lake.fetch` (no time limit). */
  queries?: QueryRunner
}
