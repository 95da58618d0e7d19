/**
 * Where an import reads existing documents from and writes to. Both targets answer the same GROQ
 * (raw perspective, drafts included), so planning and validation do not care which one is in use.
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
  write(mutations: Mutation[], onProgress?: (progress: WriteProgress) => void): Promise<WriteSummary>
  close(): Promise<void>
}
