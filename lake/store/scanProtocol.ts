/** Messages between the first open's parallel scan (`parallelScan.ts`) and its workers (`lineScanWorker.ts`). */
import type {EncodedSegment, IndexedLine} from './keyIndexSegment'
import type {PostingsData} from './postingsData'

export interface ScanWorkerData {
  /** The main thread's descriptor of the dataset file: descriptors belong to the process, so workers read it too. */
  fd: number
  size: number
  blockBytes: number
}

/**
 * What the main thread asks of a block: its keys (the open waits for these) or, in a second pass after the open,
 * the postings of the persisted text fields (`textPostings.ts`).
 */
export interface ScanTask {
  block: number
  task: 'keys' | 'postings'
}

/** A worker answers each task with one of these. */
export type ScanAnswer =
  | {block: number; digest: Uint8Array; segment: EncodedSegment}
  /** The block's keys could not be encoded: sent as they are (structured clone keeps lone surrogates). */
  | {block: number; digest: Uint8Array; lines: IndexedLine[]}
  | {block: number; postings: PostingsData}
  /** A line that is not a document, at byte `offset` of the file. */
  | {block: number; lineError: {offset: number; problem: string}}
  /** Anything else (the file shrank while read…): the main thread scans by itself and reports it. */
  | {block: number; failure: string}
