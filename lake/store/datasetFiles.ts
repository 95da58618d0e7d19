/**
 * The dataset on disk as one state: the NDJSON file plus its transaction log. Loading keeps the file open and each
 * document as a byte range of it (`datasetSource.ts`); the keys indexes need come from the key index file beside
 * it when that matches the file exactly (`keyIndexFile.ts`), else from one parse per line while the file is read
 * in chunks (and the index is written for the next open). Then the log's complete lines are replayed. A file
 * stamp (inode, size, times) tells a reader when another process compacted, so it reloads instead of reading a
 * log offset that no longer means anything.
 */
import {createHash} from 'node:crypto'
import {closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, statSync, writeSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {DatasetSource} from './datasetSource'
import {contentHashOf, edgeHashOf, keyIndexFileOf, readTrustedKeyIndex, writeKeyIndex, type IndexedLine} from './keyIndexFile'
import {displayPath, fsyncDirectory, parseDocumentLine} from './ndjsonFile'
import {PerspectiveViews} from './perspectiveViews'
import {StoredDocument, deepFreeze} from './storedDocument'
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

const NEWLINE = 0x0a
const CHUNK_BYTES = 16 << 20

/** Datasets smaller than this open fast enough by scanning; they get no key index file. */
export const KEY_INDEX_MIN_BYTES = 1 << 20

/** How the keys were obtained: from a trusted index file, or by parsing every line (the index then written). */
export type KeySource = 'index' | 'scan'

export interface LoadedDataset {
  views: PerspectiveViews
  stamp: FileStamp
  logOffset: number
  /** The open data file the views' documents read from; close it with the lake. */
  source: DatasetSource
  keysFrom: KeySource
}

export interface LoadOptions {
  /** Write (and trust) a key index file only for data files of at least this many bytes (default KEY_INDEX_MIN_BYTES). */
  keyIndexMinBytes?: number
}

/**
 * Reads every document line of the open file in chunks, parsing each once (a bad line throws naming file and line),
 * and hashes the bytes on the way for the key index. Lines are reported with their byte range.
 */
function scanLines(fd: number, size: number, source: DatasetSource, onDocument: (stored: StoredDocument, start: number, end: number) => void): string {
  const hash = createHash('sha256')
  let buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, size) || 1)
  let carried = 0
  let base = 0
  let position = 0
  let lineNumber = 0
  while (position < size) {
    if (carried === buffer.length) {
      // One line longer than the buffer: grow it rather than split the line.
      const bigger = Buffer.allocUnsafe(buffer.length * 2)
      buffer.copy(bigger, 0, 0, carried)
      buffer = bigger
    }
    const n = readSync(fd, buffer, carried, Math.min(buffer.length - carried, size - position), position)
    if (n === 0) throw new Error(`${source.where}: the file became shorter while it was read; try again`)
    hash.update(buffer.subarray(carried, carried + n))
    position += n
    const filled = carried + n
    const atEnd = position >= size
    let start = 0
    while (start < filled) {
      let end = buffer.indexOf(NEWLINE, start)
      if (end === -1 || end >= filled) {
        if (!atEnd) break
        end = filled
      }
      lineNumber++
      const text = buffer.toString('utf8', start, end)
      if (text.trim()) {
        const [lineStart, lineEnd] = [base + start, base + end]
        onDocument(StoredDocument.fromLine(parseDocumentLine(text, source.where, lineNumber), source, lineStart, lineEnd), lineStart, lineEnd)
      }
      start = end + 1
    }
    const rest = Math.max(0, filled - start)
    buffer.copy(buffer, 0, filled - rest, filled)
    carried = rest
    base += filled - rest
  }
  return hash.digest('hex')
}

/** Reads file and log; throws (naming file and line) before anything is replaced if either is malformed. */
export function loadDataset(file: string, logFile: string, options: LoadOptions = {}): LoadedDataset {
  const fd = openSync(file, 'r')
  const source = new DatasetSource(fd, displayPath(file))
  try {
    const {ino, size, mtimeMs, ctimeMs} = fstatSync(fd)
    const stamp = {ino, size, mtimeMs, ctimeMs}
    const indexFile = keyIndexFileOf(file)
    const useIndex = size >= (options.keyIndexMinBytes ?? KEY_INDEX_MIN_BYTES)
    const trusted = useIndex ? readTrustedKeyIndex(indexFile, fd, stamp) : undefined
    let documents: StoredDocument[] = []
    let keysFrom: KeySource = 'index'
    if (trusted && trusted.forEachLine((keys, start, end) => documents.push(StoredDocument.fromKeys(keys, source, start, end)))) {
      if (trusted.restamped) trusted.restamp()
    } else {
      keysFrom = 'scan'
      documents = []
      const lines: IndexedLine[] = []
      const sha256 = scanLines(fd, size, source, (stored, start, end) => {
        documents.push(stored)
        if (useIndex) lines.push({keys: stored.keys(), start, end})
      })
      if (useIndex) writeKeyIndex(indexFile, {...stamp, edges: edgeHashOf(fd, size), sha256}, lines)
    }
    const views = PerspectiveViews.load(documents)
    const {entries, offset} = readLogFrom(logFile, 0)
    for (const entry of entries) for (const {id, doc} of entry.docs) views.put(id, doc && frozen(doc))
    return {views, stamp, logOffset: offset, source, keysFrom}
  } catch (error) {
    source.close()
    throw error
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
  const hash = createHash('sha256')
  try {
    let written = 0
    let pending: Buffer[] = []
    let pendingBytes = 0
    const flush = () => {
      const chunk = Buffer.concat(pending, pendingBytes)
      hash.update(chunk)
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
  documents.forEach((stored, i) => stored.relocate(source, ranges[2 * i], ranges[2 * i + 1]))
  const {ino, size, mtimeMs, ctimeMs} = fstatSync(fd)
  const stamp = {ino, size, mtimeMs, ctimeMs}
  if (size >= (options.keyIndexMinBytes ?? KEY_INDEX_MIN_BYTES)) {
    writeKeyIndex(
      keyIndexFileOf(file),
      {...stamp, edges: edgeHashOf(fd, size), sha256: hash.digest('hex')},
      documents.map((stored, i) => ({keys: stored.keys(), start: ranges[2 * i], end: ranges[2 * i + 1]})),
    )
  }
  return {stamp, source}
}
const NEWLINE_BYTES = Buffer.from('\n')

/** The SHA-256 of a data file's content (tests compare it with what the key index recorded). */
export function contentHashOfFile(file: string): string {
  const fd = openSync(file, 'r')
  try {
    return contentHashOf(fd, fstatSync(fd).size)
  } finally {
    closeSync(fd)
  }
}
