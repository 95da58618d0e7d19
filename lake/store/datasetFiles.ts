/**
 * The dataset on disk as one state: the NDJSON file plus its transaction log. Loading keeps the file open and each
 * document as a byte range of it (`datasetSource.ts`); the keys indexes need come from the key index file beside
 * it when that matches the file exactly (`keyIndexFile.ts`), else from one parse per line while the file is read
 * in blocks, on worker threads for a large file opened with `loadDatasetAsync` (`parallelScan.ts`), on this
 * thread otherwise (`datasetScan.ts`), and the index is written for the next open. Then the log's complete lines
 * are replayed. A file stamp (inode, size, times) tells a reader when another process compacted, so it reloads
 * instead of reading a log offset that no longer means anything.
 */
import {closeSync, fstatSync, fsyncSync, openSync, renameSync, statSync, writeSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {basename, dirname, join} from 'node:path'
import {DatasetSource} from './datasetSource'
import {BlockHasher, contentHashOf, HASH_BLOCK_BYTES} from './blockHash'
import {scanDataset, type ScanResult} from './datasetScan'
import type {RowVisitor} from './keyIndexSegment'
import {edgeHashOf, encodeSegment, keyIndexFileOf, readTrustedKeyIndex, writeKeyIndex, writeKeyIndexLater, type DataFileIdentity} from './keyIndexFile'
import {displayPath, fsyncDirectory} from './ndjsonFile'
import {scanDatasetInWorkers, type ParallelScan} from './parallelScan'
import {PerspectiveViews} from './perspectiveViews'
import {StoredDocument} from './storedDocument'
import {deepFreeze} from './storedLine'
import {attachTextPostings, carryTextPostings} from './textPostings'
import {readLogFrom} from './transactionLog'
import type {Doc} from '../types'

export interface FileStamp {
  ino: number
  size: number
  mtimeMs: number
  ctimeMs: number
}

export function stampOf(file: string): FileStamp {
  const {ino, size, mtimeMs, ctimeMs} = statSync(file)
  return {ino, size, mtimeMs, ctimeMs}
}

export const sameStamp = (a: FileStamp, b: FileStamp): boolean =>
  a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs

export function logSize(logFile: string): number {
  try {
    return statSync(logFile).size
  } catch {
    return 0
  }
}

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

interface OpenedFile {
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

function openDataFile(file: string, options: LoadOptions): OpenedFile {
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

const scanRequest = (opened: OpenedFile, options: LoadOptions) => ({
  fd: opened.fd,
  size: opened.stamp.size,
  source: opened.source,
  blockBytes: options.scanBlockBytes ?? HASH_BLOCK_BYTES,
  encode: opened.useIndex,
})

const identityOf = (opened: OpenedFile, scan: ScanResult): DataFileIdentity => ({
  ...opened.stamp,
  edges: edgeHashOf(opened.fd, opened.stamp.size),
  sha256: scan.sha256,
  hashBlockBytes: scan.blockBytes,
})

/** After a scan: the key index and the text postings (`textPostings.ts`) for the next open. */
function writeIndexes(file: string, opened: OpenedFile, scan: ScanResult): void {
  const identity = identityOf(opened, scan)
  writeKeyIndex(opened.indexFile, identity, scan.segments)
  attachTextPostings(file, opened.source, identity, scan.documents, scan.textPostings)
}

/** The views of the loaded documents with the log replayed on top. */
function finish(opened: OpenedFile, documents: StoredDocument[], logFile: string, keysFrom: KeySource, scanThreads: number): LoadedDataset {
  const views = PerspectiveViews.load(documents)
  const {entries, offset} = readLogFrom(logFile, 0)
  for (const entry of entries) for (const {id, doc} of entry.docs) views.put(id, doc && frozen(doc))
  return {views, stamp: opened.stamp, logOffset: offset, source: opened.source, keysFrom, scanThreads}
}

/** Reads file and log on this thread; throws (naming file and line) before anything is replaced if either is malformed. */
export function loadDataset(file: string, logFile: string, options: LoadOptions = {}): LoadedDataset {
  const opened = openDataFile(file, options)
  try {
    if (opened.indexed) {
      attachTextPostings(file, opened.source, opened.identity!, opened.indexed)
      return finish(opened, opened.indexed, logFile, 'index', 1)
    }
    const scan = scanDataset(scanRequest(opened, options))
    if (opened.useIndex) writeIndexes(file, opened, scan)
    return finish(opened, scan.documents, logFile, 'scan', 1)
  } catch (error) {
    opened.source.close()
    throw error
  }
}

/**
 * The same for an open that may wait: a large file without a trusted index is scanned on worker threads, which
 * then build the text postings after the open returned (`textPostingsBuilt`; until they are attached, a search
 * builds them on its own as after any load without them).
 */
export async function loadDatasetAsync(file: string, logFile: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  const opened = openDataFile(file, options)
  try {
    if (opened.indexed) {
      attachTextPostings(file, opened.source, opened.identity!, opened.indexed)
      return finish(opened, opened.indexed, logFile, 'index', 1)
    }
    const request = scanRequest(opened, options)
    const workers = options.scanWorkers ?? Math.min(4, availableParallelism())
    const parallel =
      opened.stamp.size >= (options.parallelScanMinBytes ?? PARALLEL_SCAN_MIN_BYTES) && workers > 0 ? await scanDatasetInWorkers({...request, workers}) : undefined
    const scan = parallel?.result ?? scanDataset(request)
    if (opened.useIndex && !parallel) writeIndexes(file, opened, scan)
    let loaded: LoadedDataset
    try {
      loaded = finish(opened, scan.documents, logFile, 'scan', parallel ? workers : 1)
    } catch (error) {
      await parallel?.release()
      throw error
    }
    if (parallel) loaded.textPostingsBuilt = opened.useIndex ? indexesLater(file, opened, scan, parallel) : parallel.release()
    return loaded
  } catch (error) {
    opened.source.close()
    throw error
  }
}

/**
 * After a parallel scan, once the open returned: the key index is written (`writeKeyIndexLater`) while the
 * workers build the text postings, both only while the data file is still the one loaded. Close and compact wait
 * for it (`LocalLake`'s background work), so a lake closed right after its open still leaves a complete index.
 */
function indexesLater(file: string, opened: OpenedFile, scan: ScanResult, parallel: ParallelScan): Promise<void> {
  const identity = identityOf(opened, scan)
  const current = () => sameStamp(stampOf(file), opened.stamp)
  // Without the postings for now: a search meanwhile builds its own, as after any load without them.
  attachTextPostings(file, opened.source, identity, scan.documents)
  const index = writeKeyIndexLater(opened.indexFile, identity, scan.segments, current)
  return Promise.all([index, postingsLater(file, opened, scan, parallel)]).then(() => undefined)
}

/** Attaches (and writes) the postings the workers build after the open, if the data file is still the one loaded. */
async function postingsLater(file: string, opened: OpenedFile, scan: ScanResult, parallel: ParallelScan): Promise<void> {
  try {
    const postings = await parallel.textPostings()
    if (postings && !opened.source.closed && sameStamp(stampOf(file), opened.stamp)) {
      attachTextPostings(file, opened.source, identityOf(opened, scan), scan.documents, postings)
    }
  } catch {
    // The file is gone or changed, or the postings could not be written: a search builds them when it needs them.
  }
}

/**
 * Writes `documents` (in dataset order) as the new data file (temp file, fsync, rename, fsync of the folder),
 * copying file-backed lines byte for byte, then points every file-backed document at its line in the new file
 * and writes the key index for it. Returns the new file's stamp and source.
 */
export function rewriteDataset(file: string, documents: StoredDocument[], options: LoadOptions = {}): {stamp: FileStamp; source: DatasetSource} {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
  const fd = openSync(temp, 'w+')
  const source = new DatasetSource(fd, displayPath(file))
  const ranges = new Array<number>(documents.length * 2)
  const hasher = new BlockHasher(options.scanBlockBytes ?? HASH_BLOCK_BYTES)
  try {
    let written = 0
    let pending: Buffer[] = []
    let pendingBytes = 0
    const flush = () => {
      const chunk = Buffer.concat(pending, pendingBytes)
      hasher.update(chunk)
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done, written + done)
      written += chunk.length
      pending = []
      pendingBytes = 0
    }
    documents.forEach((stored, i) => {
      const line = stored.lineBytes()
      ranges[2 * i] = written + pendingBytes
      ranges[2 * i + 1] = written + pendingBytes + line.length
      pending.push(line, NEWLINE_BYTES)
      pendingBytes += line.length + 1
      if (pendingBytes > 1 << 20) flush()
    })
    if (pendingBytes > 0) flush()
    fsyncSync(fd)
    renameSync(temp, file)
  } catch (error) {
    source.close()
    throw error
  }
  fsyncDirectory(dirname(file))
  const indexed = fstatSync(fd).size >= (options.keyIndexMinBytes ?? KEY_INDEX_MIN_BYTES)
  // Read before the documents move: unchanged lines keep their postings under their new line numbers.
  const textPostings = indexed ? carryTextPostings(documents) : undefined
  documents.forEach((stored, i) => stored.relocate(source, ranges[2 * i], ranges[2 * i + 1]))
  const {ino, size, mtimeMs, ctimeMs} = fstatSync(fd)
  const stamp = {ino, size, mtimeMs, ctimeMs}
  if (indexed) {
    const lines = documents.map((stored, i) => ({keys: stored.keys(), start: ranges[2 * i], end: ranges[2 * i + 1]}))
    const segment = encodeSegment(lines, 0)
    const identity = {...stamp, edges: edgeHashOf(fd, size), sha256: hasher.digest(), hashBlockBytes: hasher.blockBytes}
    writeKeyIndex(keyIndexFileOf(file), identity, segment && [segment])
    attachTextPostings(file, source, identity, documents, textPostings)
  }
  return {stamp, source}
}
const NEWLINE_BYTES = Buffer.from('\n')

/** The content hash of a data file (tests compare it with what the key index recorded). */
export function contentHashOfFile(file: string, blockBytes: number = HASH_BLOCK_BYTES): string {
  const fd = openSync(file, 'r')
  try {
    return contentHashOf(fd, fstatSync(fd).size, blockBytes)
  } finally {
    closeSync(fd)
  }
}
