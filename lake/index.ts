/** The embedded local Content Lake: public API used by queries, the importer, scripts and the Studio stand-in. */
export {LocalLake} from './LocalLake'
export {DEFAULT_DATASET_FILE} from './types'
export type {
  Doc,
  FetchOptions,
  LakeMutationEvent,
  MutateOptions,
  Mutation,
  OpenOptions,
  PatchOperations,
  Perspective,
  TransactionResult,
} from './types'
export {isDraftId, isVersionId, publishedIdOf} from './store/perspectiveViews'
