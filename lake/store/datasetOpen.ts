/**
 * Opening a data file for a load: the file stays open as the documents' source (`datasetSource.ts`), and its keys
 * come from the key index beside it when that matches the file exactly (`keyIndexFile.ts`); otherwise the caller
 * scans it (`datasetFiles.ts`) and writes the indexes for the next open (`writeIndexes`). `finish` makes the
 * perspective views of the loaded documents and replays the log's complete lines on top.
 */
import {fstatSync, openSync} from 'node:fs'
import {DatasetSource} from './datasetSource'
import {HASH_BLOCK_BYTES} from './blockHash'
import type {ScanResult} from './datasetScan'
import type {FileStamp} from './fileStamp'
import type {RowVisitor} from './keyIndexSegment'
import {edgeHashOf, keyIndexFileOf, readTrustedKeyIndex, writeKeyIndex, type DataFileIdentity} from './keyIndexFile'
import {displayPath} from './ndjsonFile'
import {PerspectiveViews} from './perspectiveViews'
import {StoredDocument} from './storedDocument'
import {deepFreeze} from './storedLine'
import {attachTextPostings} from './textPostings'
import {readLogFrom} from './transactionLog'
import type {Doc} from '../types'

/** Freezes a loaded document so that callers can share it without copying and cannot corrupt the store. */
export const frozen = (doc: Doc): Doc => deepFreeze(doc)

/** Datasets smaller than this open fast enough by scanning; they get no key index file. */
export const KEY_INDEX_MIN_BYTES = 1 << 20
/** A first open scans files of at least this many bytes on worker threads (starting them costs ~50 ms). */
export const PARALLEL_SCAN_MIN_BYTES = 16 << 20

/** How the keys were obtained: from a trusted index file, or by parsing every line (the index then written). */
export type KeySource = 'index' | 'scan'

export interface LoadedDataset {
  views: PerspectiveViews
  stamp: FileStamp
  logOffset: number
  /** The open data file the views' documents read from; close it with the lake. */
  source: DatasetSource
  keysFrom: KeySource
  /** After a parallel scan: the workers' text postings pass, attached when it ends (never rejects; close awaits it). */
  textPostingsBuilt?: Promise<void>
  /** How many threads parsed the file (1 when the keys came from the index or the calling thread scanned). */
  scanThreads: number
}

export interface LoadOptions {
  /** Write (and trust) a key index file only for data files of at least this many bytes (default KEY_INDEX_MIN_BYTES). */
  keyIndexMinBytes?: number
  /** An async open scans a file of at least this many bytes on worker threads (default PARALLEL_SCAN_MIN_BYTES). */
  parallelScanMinBytes?: number
  /** Worker threads for such a scan (default: the machine's cores, at most 4). */
  scanWorkers?: number
  /** Block size of a scan and of the content hash (default HASH_BLOCK_BYTES; tests make lines straddle blocks). */
  scanBlockBytes?: number
}

export interface OpenedFile {
  fd: number
  source: DatasetSource
  stamp: FileStamp
  indexFile: string
  useIndex: boolean
  /** The documents from a trusted key index file, if there is one. */
  indexed: StoredDocument[] | undefined
  /** The data file as that index vouched for it (the text postings file must name the same content). */
  identity?: DataFileIdentity
}

export function openDataFile(file: string, options: LoadOptions): OpenedFile {
  const fd = openSync(file, 'r')
  const source = new DatasetSource(fd, displayPath(file))
  try {
    const {ino, size, mtimeMs, ctimeMs} = fstatSync(fd)
    const stamp = {ino, size, mtimeMs, ctimeMs}
    const indexFile = keyIndexFileOf(file)
    const useIndex = size >= (options.keyIndexMinBytes ?? KEY_INDEX_MIN_BYTES)
    const trusted = useIndex ? readTrustedKeyIndex(indexFile, fd, stamp) : undefined
    const documents: StoredDocument[] = []
    const fromRow: RowVisitor = (id, rows, row, hasSeparatorKey, start, end) => documents.push(StoredDocument.fromRow(id, rows, row, hasSeparatorKey, source, start, end))
    if (trusted && trusted.forEachLine(fromRow)) {
      if (trusted.restamped) trusted.restamp()
      return {fd, source, stamp, indexFile, useIndex, indexed: documents, identity: trusted.data}
    }
    return {fd, source, stamp, indexFile, useIndex, indexed: undefined}
  } catch (error) {
    source.close()
    throw error
  }
}

export const scanRequest = (opened: OpenedFile, options: LoadOptions) => ({
  fd: opened.fd,
  size: opened.stamp.size,
  source: opened.source,
  blockBytes: options.scanBlockBytes ?? HASH_BLOCK_BYTES,
  encode: opened.useIndex,
})

export const identityOf = (opened: OpenedFile, scan: ScanResult): DataFileIdentity => ({
  ...opened.stamp,
  edges: edgeHashOf(opened.fd, opened.stamp.size),
  sha256: scan.sha256,
  hashBlockBytes: scan.blockBytes,
})

/** After a scan: the key index and the text postings (`textPostings.ts`) for the next open. */
export function writeIndexes(file: string, opened: OpenedFile, scan: ScanResult): void {
  const identity = identityOf(opened, scan)
  writeKeyIndex(opened.indexFile, identity, scan.segments)
  attachTextPostings(file, opened.source, identity, scan.documents, scan.textPostings)
}

/** The views of the loaded documents with the log replayed on top. */
export function finish(opened: OpenedFile, documents: StoredDocument[], logFile: string, keysFrom: KeySource, scanThreads: number): LoadedDataset {
  const views = PerspectiveViews.load(documents)
  const {entries, offset} = readLogFrom(logFile, 0)
  for (const entry of entries) for (const {id, doc} of entry.docs) views.put(id, doc && frozen(doc))
  return {views, stamp: opened.stamp, logOffset: offset, source: opened.source, keysFrom, scanThreads}
}
