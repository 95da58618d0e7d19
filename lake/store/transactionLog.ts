/**
 * The append-only transaction log beside the dataset file (`<file>.txlog`): one JSON line per committed
 * transaction holding the post-image of every document it touched. Post-images make replay idempotent, so a
 * log that was already folded into the NDJSON file (crash between rename and truncate) replays harmlessly.
 * A line counts only once its newline is on disk; a torn last line is a crash remnant and is ignored.
 */
import {closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync} from 'node:fs'
import {displayPath} from './ndjsonFile'
import type {Doc} from '../types'

export interface LogEntry {
  /** transaction id */
  t: string
  /** commit timestamp */
  ts: string
  /** post-images: `doc: null` means deleted */
  docs: {id: string; doc: Doc | null}[]
}

/** Reads complete lines from `offset`; returns them and the offset just past the last complete line. */
export function readLogFrom(logFile: string, offset: number): {entries: LogEntry[]; offset: number} {
  let fd: number
  try {
    fd = openSync(logFile, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {entries: [], offset: 0}
    throw error
  }
  try {
    const size = fstatSync(fd).size
    if (size <= offset) return {entries: [], offset: Math.min(offset, size)}
    const buffer = Buffer.alloc(size - offset)
    let read = 0
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, offset + read)
      if (n === 0) break
      read += n
    }
    const lastNewline = buffer.lastIndexOf(0x0a, read - 1)
    if (lastNewline === -1) return {entries: [], offset}
    const text = buffer.toString('utf8', 0, lastNewline)
    const entries: LogEntry[] = []
    let bytePosition = offset
    for (const line of text.split('\n')) {
      if (line.trim()) {
        try {
          entries.push(JSON.parse(line) as LogEntry)
        } catch (error) {
          throw new Error(
            `${displayPath(logFile)} (byte ${bytePosition}): transaction log line is not valid JSON ` +
              `(${(error as Error).message}). The log is corrupt; restore it from a backup or remove it to lose uncompacted writes.`,
          )
        }
      }
      bytePosition += Buffer.byteLength(line) + 1
    }
    return {entries, offset: offset + lastNewline + 1}
  } finally {
    closeSync(fd)
  }
}

/**
 * Appends one entry at `offset` (cutting off any torn tail first) and fsyncs. On failure the log is cut back to
 * `offset`, so a failed append leaves the file as it was. Returns the new end offset.
 */
export function appendLogEntry(logFile: string, offset: number, entry: LogEntry): number {
  const bytes = Buffer.from(JSON.stringify(entry) + '\n', 'utf8')
  const fd = openSync(logFile, 'a+')
  try {
    if (fstatSync(fd).size !== offset) ftruncateSync(fd, offset)
    try {
      let written = 0
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written)
      fsyncSync(fd)
    } catch (error) {
      ftruncateSync(fd, offset)
      throw error
    }
    return offset + bytes.length
  } finally {
    closeSync(fd)
  }
}

export function truncateLog(logFile: string): void {
  const fd = openSync(logFile, 'a+')
  try {
    ftruncateSync(fd, 0)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
