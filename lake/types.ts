/**
 * Public types of the embedded local Content Lake (`lake/`): perspectives, mutations, transaction results and
 * listener events, shaped like the Content Lake's HTTP API so `@sanity/client` and the local store are interchangeable.
 */
/**
 * The document shape a create mutation takes, as in `@sanity/types` (which this Node-only entry does not import:
 * the package would otherwise need a copy of Sanity's Studio type package beside the host's).
 */
interface SanityDocumentLike {
  _id: string
  _type: string
  _createdAt?: string
  _updatedAt?: string
  _rev?: string
  [field: string]: unknown
}

/** A stored document: always has a string `_id`; `_type` by Sanity's rules (the loader does not insist). */
export interface Doc {
  _id: string
  _type: string
  _rev?: string
  _createdAt?: string
  _updatedAt?: string
  [field: string]: unknown
}

/** How a query sees drafts: `published` hides `drafts.*`/`versions.*`, `drafts` overlays drafts, `raw` shows all. */
export type Perspective = 'published' | 'drafts' | 'raw'

export interface PatchOperations {
  id: string
  ifRevisionID?: string
  set?: Record<string, unknown>
  setIfMissing?: Record<string, unknown>
  unset?: string[]
  inc?: Record<string, number>
  dec?: Record<string, number>
  insert?: unknown
  diffMatchPatch?: Record<string, string>
}

export type Mutation =
  | {create: SanityDocumentLike}
  | {createOrReplace: SanityDocumentLike}
  | {createIfNotExists: SanityDocumentLike}
  | {patch: PatchOperations}
  | {delete: {id: string}}

export interface TransactionResult {
  transactionId: string
  results: {id: string; operation: 'create' | 'update' | 'delete' | 'none'}[]
  documentIds: string[]
}

export interface LakeMutationEvent {
  transactionId: string
  documentId: string
  previous: Doc | null
  result: Doc | null
  previousRev?: string
  resultRev?: string
  timestamp: string
  transition: 'appear' | 'update' | 'disappear'
}

export interface FetchOptions {
  perspective?: Perspective
}

export interface MutateOptions {
  transactionId?: string
  dryRun?: boolean
}

export interface OpenOptions {
  /** Create an empty dataset file when it does not exist (otherwise opening a missing file is an error). */
  createIfMissing?: boolean
  /** Log size in bytes past which a write folds the log into the NDJSON file (default: max(4 MiB, file size / 2)). */
  compactThresholdBytes?: number
  /**
   * Data files of at least this many bytes get a key index file beside them (`<file>.index`, default 1 MiB), so an
   * unchanged file reopens without parsing its documents. Tests lower it to exercise the index on small files.
   */
  keyIndexMinBytes?: number
  /**
   * A file of at least this many bytes without a trusted key index is parsed on worker threads (default 16 MiB),
   * `scanWorkers` of them (default: the machine's cores, at most 4), in blocks of `scanBlockBytes` (default 8 MiB).
   * Tests lower them to make lines straddle blocks on small files.
   */
  parallelScanMinBytes?: number
  scanWorkers?: number
  scanBlockBytes?: number
}

/** Where `npm run query`, the importer and the Studio stand-in keep the local dataset unless told otherwise. */
export const DEFAULT_DATASET_FILE = 'data/production.ndjson'
