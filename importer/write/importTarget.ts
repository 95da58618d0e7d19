/**
 * Where an import reads existing documents from and writes to. Both targets answer the same GROQ
 * (raw perspective, drafts included), so the dataset context and the plan do not care which one is in use.
 */
import type {Mutation} from '../../lake'

export interface WriteProgress {
  done: number
  total: number
}

export interface WriteSummary {
  transactions: number
  mutations: number
  retries: number
}

export interface ImportTarget {
  /** Human-readable destination for reports, never containing a token. */
  readonly description: string
  fetch<R>(query: string, params?: Record<string, unknown>): Promise<R>
  /** Stored documents by exact id (raw: `drafts.x` is its own document); absent ids are left out. */
  getDocuments(ids: string[]): Promise<Map<string, Record<string, unknown> & {_id: string; _type: string}>>
  /**
   * Runs `work` (read the stored documents, plan, write) while no other import plans or writes to this
   * dataset, so two imports started together cannot both report the same documents as created.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>
  write(mutations: Mutation[], onProgress?: (progress: WriteProgress) => void): Promise<WriteSummary>
  close(): Promise<void>
}
