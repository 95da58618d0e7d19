/**
 * The document lines of one block of a dataset file: the unit of work of a first open, on one thread or several.
 * A block is the bytes [from, to) at fixed offsets (`blockHash.ts`); it owns every line that starts in it (a line
 * starts at byte 0 or after a newline) and reads past `to` to finish its last line, so each line is parsed by
 * exactly one block whatever the block size. The block's own bytes are hashed while in hand.
 * Lines are split on `\n`; a line that is blank after `trim()` (an export's last line, a CRLF file's `\r`) is
 * skipped; a bad line stops the scan with its byte offset (a worker does not know line numbers; `lineNumberAt`
 * turns the offset into one for the error).
 */
import {createHash} from 'node:crypto'
import {readSync} from 'node:fs'
import {scanLineKeys, walkLine} from './lineKeyScanner'
import {LineProblem, parseDocument} from './ndjsonFile'
import {keysOfDocument, type DocumentKeys} from './indexKeys'
import type {SegmentBuilder} from './segmentBuilder'
import {writeKeysRow, writeWalkedRow} from './segmentRowWriters'
import type {Doc} from '../types'

const NEWLINE = 0x0a

/** A line that is not a document, at byte `offset` of the file. */
export class DatasetLineError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem)
  }
}

/** Reads block [from, to) (into `scratch` when big enough), calls `onLine` for each document line it owns, returns the block's SHA-256. */
export function scanBlock(fd: number, size: number, from: number, to: number, onLine: (doc: Doc, start: number, end: number) => void, scratch?: Buffer): Buffer {
  return eachLine(fd, size, from, to, scratch, (bytes, start, end, fileStart) => {
    const doc = parsedLine(bytes, start, end, fileStart)
    if (doc) onLine(doc, fileStart, fileStart + end - start)
  })
}

/**
 * The same giving each line's index keys (strings not interned: a worker's keys go into a segment), read from its
 * bytes (`lineKeyScanner.ts`) or, where the scanner is in doubt, parsed: the same keys, the same errors.
 */
export function scanBlockKeys(fd: number, size: number, from: number, to: number, onKeys: (keys: DocumentKeys, start: number, end: number) => void, scratch?: Buffer): Buffer {
  return eachLine(fd, size, from, to, scratch, (bytes, start, end, fileStart) => {
    let keys = scanLineKeys(bytes, start, end)
    if (!keys) {
      const doc = parsedLine(bytes, start, end, fileStart)
      if (!doc) return
      keys = keysOfDocument(doc, NO_INTERNING)
    }
    onKeys(keys, fileStart, fileStart + end - start)
  })
}
const NO_INTERNING = {intern: false}

/**
 * The same written straight into a key index segment (`builder`, reset to the block's start): each line the key
 * scanner vouches for from its tokens, any other from its parsed keys. The caller takes `builder.finish()`.
 */
export function scanBlockRows(fd: number, size: number, from: number, to: number, builder: SegmentBuilder, scratch?: Buffer): Buffer {
  builder.reset(from)
  return eachLine(fd, size, from, to, scratch, (bytes, start, end, fileStart) => {
    const fileEnd = fileStart + end - start
    if (walkLine(bytes, start, end) && writeWalkedRow(bytes, builder, fileStart, fileEnd)) return
    const doc = parsedLine(bytes, start, end, fileStart)
    if (doc) writeKeysRow(builder, keysOfDocument(doc, NO_INTERNING), fileStart, fileEnd)
  })
}

/** The document on bytes [start, end), undefined for a blank line; a bad line throws with its file offset. */
function parsedLine(bytes: Buffer, start: number, end: number, fileStart: number): Doc | undefined {
  const text = bytes.toString('utf8', start, end)
  if (!text.trim()) return undefined
  const doc = parseDocument(text)
  if (doc instanceof LineProblem) throw new DatasetLineError(fileStart, doc.text)
  return doc
}

/** Calls `onLine(bytes, start, end, fileStart)` for each line the block owns (`bytes[start, end)`, no newline), returns the block's SHA-256. */
function eachLine(fd: number, size: number, from: number, to: number, scratch: Buffer | undefined, onLine: (bytes: Buffer, start: number, end: number, fileStart: number) => void): Buffer {
  const length = to - from
  const block = scratch && scratch.length >= length ? scratch.subarray(0, length) : Buffer.allocUnsafe(length)
  readFully(fd, block, from)
  const digest = createHash('sha256').update(block).digest()
  let start = 0
  if (from > 0 && !startsLine(fd, from)) {
    const newline = block.indexOf(NEWLINE)
    // Inside one long line that an earlier block owns.
    if (newline === -1) return digest
    start = newline + 1
  }
  while (start < length) {
    const newline = block.indexOf(NEWLINE, start)
    if (newline !== -1) {
      onLine(block, start, newline, from + start)
      start = newline + 1
      continue
    }
    // The block's last line goes on past its end.
    const rest = restOfLine(fd, size, to)
    const line = rest.length === 0 ? block : Buffer.concat([block.subarray(start), rest])
    onLine(line, rest.length === 0 ? start : 0, rest.length === 0 ? length : line.length, from + start)
    break
  }
  return digest
}

/** Whether a line starts at `position` (> 0): the byte before it is a newline. */
function startsLine(fd: number, position: number): boolean {
  const before = Buffer.allocUnsafe(1)
  readFully(fd, before, position - 1)
  return before[0] === NEWLINE
}

/** The bytes from `position` up to (not including) the next newline or the end of the file. */
function restOfLine(fd: number, size: number, position: number): Buffer {
  const parts: Buffer[] = []
  for (let at = position; at < size; ) {
    const chunk = Buffer.allocUnsafe(Math.min(64 << 10, size - at))
    readFully(fd, chunk, at)
    const newline = chunk.indexOf(NEWLINE)
    if (newline !== -1) {
      parts.push(chunk.subarray(0, newline))
      break
    }
    parts.push(chunk)
    at += chunk.length
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts)
}

/** The 1-based line number of the line starting at byte `offset` (for errors only: reads the file up to it). */
export function lineNumberAt(fd: number, offset: number): number {
  const chunk = Buffer.allocUnsafe(Math.min(offset, 16 << 20) || 1)
  let newlines = 0
  for (let at = 0; at < offset; ) {
    const n = Math.min(chunk.length, offset - at)
    const part = chunk.subarray(0, n)
    readFully(fd, part, at)
    for (let i = part.indexOf(NEWLINE); i !== -1; i = part.indexOf(NEWLINE, i + 1)) newlines++
    at += n
  }
  return newlines + 1
}

export function readFully(fd: number, into: Uint8Array, position: number): void {
  for (let done = 0; done < into.length; ) {
    const n = readSync(fd, into, done, into.length - done, position + done)
    if (n === 0) throw new Error('the file became shorter while it was read (changed outside the lake?); try again')
    done += n
  }
}
