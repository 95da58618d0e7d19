/**
 * The key index file beside a dataset (`<file>.index`): for every document line its byte range and the keys
 * `StoredDocument` keeps (`DocumentKeys`), so an unchanged dataset opens without reading or parsing its documents.
 * It is a cache the lake owns, never a source of truth: it is used only when it describes exactly the bytes of the
 * data file now on disk, and is rebuilt (by the full load) otherwise. Checks, all of which must pass:
 * - its own header (format, version, the list of sort fields, byte order) and a SHA-256 of its body;
 * - the data file's size and a hash of its first and last 64 KiB;
 * - the data file's inode, mtime and ctime as recorded when the index was written (ctime cannot be set back by
 *   hand, so an edit, `touch -r`, a copy or a line swap all change it), or else a SHA-256 of the whole data file
 *   equal to the recorded one (a copied or checked-out dataset: then the index is re-stamped for next time).
 * `sanity dataset import` and `npm run export` never see it: they read the NDJSON file (or the documents) only.
 *
 * Layout: one JSON header line, then the body: every distinct string concatenated (UTF-8), padding to 4 bytes,
 * then Int32 (little-endian): the string table's boundaries (count + 1, in UTF-16 code units of the decoded text),
 * and rows `[gap, length, id, type, slug, rev, flags, nRefs, refs…, nFieldRefs, fieldRefs…, sortValues…]` where gap
 * is the distance from the previous line's end, strings are table positions, and a sort value is a table position,
 * -1 null, -2 true, -3 false, or -(4 + k) for the header's k-th number. Decoding the text once and slicing it is
 * about twice as fast as JSON.parse of a string array; a string UTF-8 cannot carry (a lone surrogate) means no index.
 */
import {createHash} from 'node:crypto'
import {readFileSync, readSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {endianness} from 'node:os'
import {basename, dirname, join} from 'node:path'
import {ORDERED_FIELDS, type DocumentKeys, type SortValue} from './storedDocument'

const FORMAT = 'china-desk lake key index'
/** Bump when what `keysOfDocument` extracts changes meaning: every existing index file is then rebuilt. */
const VERSION = 2
const EDGE_BYTES = 64 * 1024
const NEWLINE = 0x0a

export const keyIndexFileOf = (datasetFile: string): string => `${datasetFile}.index`

/** The data file the index describes. */
export interface DataFileIdentity {
  size: number
  ino: number
  mtimeMs: number
  ctimeMs: number
  /** SHA-256 (hex) of the first and last EDGE_BYTES. */
  edges: string
  /** SHA-256 (hex) of the whole file. */
  sha256: string
}

export interface IndexedLine {
  keys: DocumentKeys
  start: number
  end: number
}

interface Header {
  format: string
  version: number
  fields: readonly string[]
  endianness: string
  data: DataFileIdentity
  numbers: number[]
  body: {bytes: number; sha256: string; stringBytes: number; strings: number; documents: number}
}

/** Whether UTF-8 can carry the string unchanged (no lone surrogate); Node 20 has the method, the TS lib here not. */
const isWellFormed = (value: string): boolean => (value as unknown as {isWellFormed(): boolean}).isWellFormed()

const SURROGATE = /[\uD800-\uDFFF]/
/** Sort fields whose values repeat across documents (types, batch timestamps); the others are unique per document. */
const SHARED_SORT_FIELDS = new Set<string>(['_type', '_createdAt', '_updatedAt'])

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex')

/** A hash of the first and last 64 KiB of the open file: catches an in-place edit near either end cheaply. */
export function edgeHashOf(fd: number, size: number): string {
  const hash = createHash('sha256')
  const head = Buffer.allocUnsafe(Math.min(size, EDGE_BYTES))
  readFully(fd, head, 0)
  hash.update(head)
  const tailStart = Math.max(head.length, size - EDGE_BYTES)
  const tail = Buffer.allocUnsafe(size - tailStart)
  readFully(fd, tail, tailStart)
  return hash.update(tail).digest('hex')
}

/** SHA-256 of the whole open file, read in chunks. */
export function contentHashOf(fd: number, size: number): string {
  const hash = createHash('sha256')
  const chunk = Buffer.allocUnsafe(Math.min(size, 16 << 20) || 1)
  for (let position = 0; position < size; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, size - position), position)
    if (n === 0) break
    hash.update(chunk.subarray(0, n))
    position += n
  }
  return hash.digest('hex')
}

function readFully(fd: number, into: Buffer, position: number): void {
  for (let done = 0; done < into.length; ) {
    const n = readSync(fd, into, done, into.length - done, position + done)
    if (n === 0) throw new Error('file shorter than expected')
    done += n
  }
}

/**
 * Writes the index for `lines` (in file order) of the data file `data` describes. Best effort: a dataset in a
 * read-only folder, or a line too long for the format, just goes without an index (the next open scans).
 */
export function writeKeyIndex(indexFile: string, data: DataFileIdentity, lines: Iterable<IndexedLine>): void {
  try {
    const encoded = encode(lines)
    if (!encoded) return removeKeyIndex(indexFile)
    writeIndexFile(indexFile, data, encoded.numbers, encoded.body, encoded.shape)
  } catch {
    // Only a cache: a failure to write it costs the next open a scan, nothing else.
  }
}

export function removeKeyIndex(indexFile: string): void {
  try {
    rmSync(indexFile, {force: true})
  } catch {
    // Cannot remove (read-only folder): it will not match the data file anyway.
  }
}

type BodyShape = Omit<Header['body'], 'bytes' | 'sha256'>

function writeIndexFile(indexFile: string, data: DataFileIdentity, numbers: number[], body: Buffer, shape: BodyShape): void {
  const header: Header = {
    format: FORMAT,
    version: VERSION,
    fields: ORDERED_FIELDS,
    endianness: endianness(),
    data,
    numbers,
    body: {bytes: body.length, sha256: sha256(body), ...shape},
  }
  const temp = join(dirname(indexFile), `.${basename(indexFile)}.${process.pid}.tmp`)
  writeFileSync(temp, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), body]))
  renameSync(temp, indexFile)
}

function encode(lines: Iterable<IndexedLine>): {body: Buffer; shape: BodyShape; numbers: number[]} | undefined {
  const positions = new Map<string, number>()
  const strings: string[] = []
  const numbers: number[] = []
  const numberPositions = new Map<number, number>()
  const ints: number[] = []
  // Shared strings (types, referenced ids, stamps) are stored once; strings unique to a document (id, slug,
  // rev, title…) are appended without a lookup: a repeat costs a few bytes, a lookup per value costs seconds.
  const shared = (value: string | undefined): number => {
    if (value === undefined) return -1
    let position = positions.get(value)
    if (position === undefined) positions.set(value, (position = strings.push(value) - 1))
    return position
  }
  const unique = (value: string | undefined): number => (value === undefined ? -1 : strings.push(value) - 1)
  const sortValue = (value: SortValue, dedupe: boolean): number => {
    if (value === null) return -1
    if (value === true) return -2
    if (value === false) return -3
    if (typeof value === 'string') return dedupe ? shared(value) : unique(value)
    let position = numberPositions.get(value)
    if (position === undefined) numberPositions.set(value, (position = numbers.push(value) - 1))
    return -(4 + position)
  }
  const fieldCount = ORDERED_FIELDS.length
  const idField = ORDERED_FIELDS.indexOf('_id')
  const slugField = ORDERED_FIELDS.indexOf('slug.current')
  const dedupeField = ORDERED_FIELDS.map((field) => SHARED_SORT_FIELDS.has(field))
  let previousEnd = 0
  let documents = 0
  for (const {keys, start, end} of lines) {
    const gap = start - previousEnd
    if (gap < 0 || gap > 0x7fffffff || end - start > 0x7fffffff || keys.sortValues.length !== ORDERED_FIELDS.length) return undefined
    previousEnd = end
    documents++
    const id = unique(keys.id)
    const slug = unique(keys.slug)
    ints.push(gap, end - start, id, shared(keys.type), slug, unique(keys.rev), (keys.hasOwnScore ? 1 : 0) | (keys.hasSeparatorKey ? 2 : 0))
    ints.push(keys.references.length)
    for (const ref of keys.references) ints.push(shared(ref))
    ints.push(keys.fieldRefs.length)
    for (const ref of keys.fieldRefs) ints.push(shared(ref))
    for (let i = 0; i < fieldCount; i++) {
      const value = keys.sortValues[i]
      if (i === idField && value === keys.id) ints.push(id)
      else if (i === slugField && value === keys.slug && slug >= 0) ints.push(slug)
      else ints.push(sortValue(value, dedupeField[i]))
    }
  }
  const joined = strings.join('')
  // Only a string with a surrogate can be ill-formed: the one native scan of the joined text usually settles it.
  if (SURROGATE.test(joined) && !strings.every(isWellFormed)) return undefined
  const stringText = Buffer.from(joined)
  const bounds = new Array<number>(strings.length + 1)
  let offset = 0
  strings.forEach((value, i) => {
    bounds[i] = offset
    offset += value.length
  })
  bounds[strings.length] = offset
  const padded = (stringText.length + 3) & ~3
  const body = Buffer.alloc(padded + (bounds.length + ints.length) * 4, 0x20)
  stringText.copy(body, 0)
  const table = new Int32Array(body.buffer, body.byteOffset + padded, bounds.length + ints.length)
  table.set(bounds)
  table.set(ints, bounds.length)
  return {body, shape: {stringBytes: stringText.length, strings: strings.length, documents}, numbers}
}

export interface TrustedIndex {
  documents: number
  /** Calls `line` for every document line in file order; false (nothing more called) if a row is inconsistent. */
  forEachLine(line: (keys: DocumentKeys, start: number, end: number) => void): boolean
  /** The data file matched by its content hash, not its stamp (a copy): re-stamp the index for the next open. */
  restamped: boolean
  restamp(): void
}

/**
 * The index if it describes exactly the data file open as `fd` (whose stat is `stat`); otherwise undefined, and the
 * caller scans. Never throws for a bad index: a corrupt or foreign file is just not trusted.
 */
export function readTrustedKeyIndex(indexFile: string, fd: number, stat: Omit<DataFileIdentity, 'edges' | 'sha256'>): TrustedIndex | undefined {
  let file: Buffer
  try {
    file = readFileSync(indexFile)
  } catch {
    return undefined
  }
  try {
    const newline = file.indexOf(NEWLINE)
    if (newline === -1) return undefined
    const header = JSON.parse(file.toString('utf8', 0, newline)) as Header
    if (header.format !== FORMAT || header.version !== VERSION || header.endianness !== endianness()) return undefined
    if (JSON.stringify(header.fields) !== JSON.stringify(ORDERED_FIELDS)) return undefined
    const body = file.subarray(newline + 1)
    if (body.length !== header.body.bytes || sha256(body) !== header.body.sha256) return undefined
    const data = header.data
    if (data.size !== stat.size || data.edges !== edgeHashOf(fd, stat.size)) return undefined
    const sameStamp = data.ino === stat.ino && data.mtimeMs === stat.mtimeMs && data.ctimeMs === stat.ctimeMs
    if (!sameStamp && data.sha256 !== contentHashOf(fd, stat.size)) return undefined
    const {stringBytes, strings, documents} = header.body
    return {
      documents,
      forEachLine: (line) => {
        try {
          return decode(body, header, stat.size, line)
        } catch {
          return false
        }
      },
      restamped: !sameStamp,
      restamp: () => {
        try {
          writeIndexFile(indexFile, {...data, ...stat}, header.numbers, body, {stringBytes, strings, documents})
        } catch {
          // Only a cache.
        }
      },
    }
  } catch {
    return undefined
  }
}

const NO_STRINGS: string[] = []

function decode(body: Buffer, header: Header, dataSize: number, line: (keys: DocumentKeys, start: number, end: number) => void): boolean {
  const {stringBytes, strings: stringCount, documents} = header.body
  const numbers = header.numbers
  const tableStart = (stringBytes + 3) & ~3
  const intCount = (body.length - tableStart) / 4
  if (!Number.isInteger(intCount) || intCount < stringCount + 1) return false
  // An aligned copy: the body's offset in the file buffer is wherever the header line ended.
  const ints = new Int32Array(intCount)
  new Uint8Array(ints.buffer).set(body.subarray(tableStart))
  const text = body.toString('utf8', 0, stringBytes)
  const strings = new Array<string>(stringCount)
  for (let i = 0; i < stringCount; i++) {
    const [from, to] = [ints[i], ints[i + 1]]
    if (!(from >= 0 && from <= to && to <= text.length)) return false
    strings[i] = text.slice(from, to)
  }
  const string = (position: number): string | undefined => {
    if (position === -1) return undefined
    if (!(position >= 0 && position < stringCount)) throw new Error('bad string position')
    return strings[position]
  }
  const sortValue = (code: number): SortValue => {
    if (code >= 0) return string(code)!
    if (code === -1) return null
    if (code === -2) return true
    if (code === -3) return false
    const value = numbers[-code - 4]
    if (typeof value !== 'number') throw new Error('bad number position')
    return value
  }
  const list = (at: number): string[] => {
    const length = ints[at]
    if (length === 0) return NO_STRINGS
    if (!(length > 0 && at + length < intCount)) throw new Error('bad list length')
    const values = new Array<string>(length)
    for (let i = 0; i < length; i++) values[i] = string(ints[at + 1 + i]) ?? fail()
    return values
  }
  const fieldCount = ORDERED_FIELDS.length
  let at = stringCount + 1
  let previousEnd = 0
  for (let n = 0; n < documents; n++) {
    if (at + 8 + fieldCount > intCount) return false
    const start = previousEnd + ints[at]
    const end = start + ints[at + 1]
    const id = string(ints[at + 2])
    if (id === undefined || ints[at] < 0 || end < start || end > dataSize) return false
    const type = string(ints[at + 3])
    const slug = string(ints[at + 4])
    const rev = string(ints[at + 5])
    const hasOwnScore = (ints[at + 6] & 1) !== 0
    const hasSeparatorKey = (ints[at + 6] & 2) !== 0
    at += 7
    const references = list(at)
    at += 1 + references.length
    const fieldRefs = list(at)
    at += 1 + fieldRefs.length
    if (at + fieldCount > intCount) return false
    const sortValues: SortValue[] = new Array(fieldCount)
    for (let i = 0; i < fieldCount; i++) sortValues[i] = sortValue(ints[at++])
    line({id, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore, hasSeparatorKey}, start, end)
    previousEnd = end
  }
  return at === intCount
}

function fail(): never {
  throw new Error('bad index row')
}
