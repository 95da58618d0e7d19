/**
 * The dataset on disk as one state: the NDJSON file plus its transaction log. Loading reads the file into one
 * Buffer, parses each line once for its index keys (documents stay as byte ranges, see `storedDocument.ts`),
 * replays the log's complete lines and builds fresh perspective views; a file stamp (inode, size, times) tells a
 * reader when another process compacted, so it reloads instead of reading a log offset that no longer means anything.
 */
import {readFileSync, statSync} from 'node:fs'
import {displayPath, parseDocumentLine} from './ndjsonFile'
import {PerspectiveViews} from './perspectiveViews'
import {ParsedCache, StoredDocument, deepFreeze} from './storedDocument'
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

/** Every document line of an NDJSON buffer as a stored document; a bad line throws naming file and line. */
export function* storedDocumentsOf(buffer: Buffer, where: string): Generator<StoredDocument> {
  const source = {buffer, cache: new ParsedCache()}
  let lineNumber = 0
  for (let start = 0; start < buffer.length; ) {
    let end = buffer.indexOf(NEWLINE, start)
    if (end === -1) end = buffer.length
    lineNumber++
    const text = buffer.toString('utf8', start, end)
    const lineStart = start
    start = end + 1
    if (!text.trim()) continue
    yield StoredDocument.fromLine(parseDocumentLine(text, where, lineNumber), source, lineStart, end)
  }
}

/** Reads file and log; throws (naming file and line) before anything is replaced if either is malformed. */
export function loadDataset(file: string, logFile: string): {views: PerspectiveViews; stamp: FileStamp; logOffset: number} {
  const stamp = stampOf(file)
  const views = new PerspectiveViews()
  for (const stored of storedDocumentsOf(readFileSync(file), displayPath(file))) views.put(stored.id, stored)
  const {entries, offset} = readLogFrom(logFile, 0)
  for (const entry of entries) for (const {id, doc} of entry.docs) views.put(id, doc && frozen(doc))
  return {views, stamp, logOffset: offset}
}
