/**
 * A first open's scan on the calling thread: the file block by block (`lineBlock.ts`), each line parsed once for
 * its keys, each block hashed while in hand and its lines encoded as one key index segment. The worker-thread
 * scan (`parallelScan.ts`) does the same blocks on other threads and gives the same documents, segments and hash.
 */
import {blockCount, treeHashOf} from './blockHash'
import {encodeSegment, type EncodedSegment, type IndexedLine} from './keyIndexSegment'
import {DatasetLineError, lineNumberAt, scanBlock} from './lineBlock'
import {blockPostings, joinPostingBlocks} from './postingsBlocks'
import type {PostingsData} from './postingsData'
import {StoredDocument, type DocumentSource} from './storedDocument'

export interface ScanResult {
  documents: StoredDocument[]
  /** Content hash of the file (`blockHash.ts`) over blocks of `blockBytes`. */
  sha256: string
  blockBytes: number
  /** One segment per block; undefined when not asked for or when a key cannot be encoded (no index then). */
  segments: EncodedSegment[] | undefined
  /** The persisted text fields' postings (`textPostings.ts`), tokenised where each line was parsed (with `encode`). */
  textPostings?: PostingsData
}

export interface ScanRequest {
  fd: number
  size: number
  source: DocumentSource
  blockBytes: number
  /** Whether to encode the key index segments (only files that get an index). */
  encode: boolean
}

export function scanDataset({fd, size, source, blockBytes, encode}: ScanRequest): ScanResult {
  const documents: StoredDocument[] = []
  const digests: Buffer[] = []
  let segments: EncodedSegment[] | undefined = encode ? [] : undefined
  const scratch = Buffer.allocUnsafe(Math.min(blockBytes, size) || 1)
  const blocks = blockCount(size, blockBytes)
  const textBlocks: PostingsData[] = []
  try {
    for (let block = 0; block < blocks; block++) {
      const from = block * blockBytes
      const lines: IndexedLine[] = []
      const text = encode ? blockPostings() : undefined
      const onLine = (doc: Parameters<typeof StoredDocument.fromLine>[0], start: number, end: number) => {
        const stored = StoredDocument.fromLine(doc, source, start, end)
        documents.push(stored)
        if (segments) lines.push({keys: stored.keys(), start, end})
        text?.add(doc)
      }
      digests.push(scanBlock(fd, size, from, Math.min(size, from + blockBytes), onLine, scratch))
      if (text) textBlocks.push(text.finish())
      if (segments) {
        const segment = encodeSegment(lines, from)
        if (segment) segments.push(segment)
        else segments = undefined
      }
    }
  } catch (error) {
    throw scanError(error, fd, source.where)
  }
  return {documents, sha256: treeHashOf(digests), blockBytes, segments, textPostings: encode ? joinPostingBlocks(textBlocks) : undefined}
}

/** A scan failure as the user sees it: a bad line by file and line number, anything else by file. */
export function scanError(error: unknown, fd: number, where: string): Error {
  if (error instanceof DatasetLineError) return new Error(`${where}:${lineNumberAt(fd, error.offset)}: ${error.problem}`)
  return new Error(`${where}: ${(error as Error).message}`)
}
