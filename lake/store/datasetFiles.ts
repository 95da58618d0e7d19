/**
 * The dataset on disk as one state: the NDJSON file plus its transaction log. Loading reads the file, replays
 * the log's complete lines and builds fresh perspective views; a file stamp (inode, size, times) tells a reader
 * when another process compacted, so it reloads instead of reading a log offset that no longer means anything.
 */
import {statSync} from 'node:fs'
import {readDatasetFile} from './ndjsonFile'
import {PerspectiveViews} from './perspectiveViews'
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
export function frozen(doc: Doc): Doc {
  const freeze = (value: unknown) => {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
      Object.freeze(value)
      for (const child of Object.values(value)) freeze(child)
    }
  }
  freeze(doc)
  return doc
}

/** Reads file and log; throws (naming file and line) before anything is replaced if either is malformed. */
export function loadDataset(file: string, logFile: string): {views: PerspectiveViews; stamp: FileStamp; logOffset: number} {
  const stamp = stampOf(file)
  const views = new PerspectiveViews()
  for (const doc of readDatasetFile(file)) views.put(doc._id, frozen(doc))
  const {entries, offset} = readLogFrom(logFile, 0)
  for (const entry of entries) for (const {id, doc} of entry.docs) views.put(id, doc && frozen(doc))
  return {views, stamp, logOffset: offset}
}
