/**
 * One segment of the key index file (`keyIndexFile.ts`): the keys and byte ranges of a run of consecutive document
 * lines. A first open on several threads encodes one segment per block of the file in the thread that parsed it,
 * and the same bytes go to the main thread (transferred, not copied) and into the index file unchanged.
 *
 * Layout: every string of the segment concatenated (UTF-8), padding to 4 bytes, then Int32 in the machine's byte
 * order: the string table's boundaries (count + 1, in UTF-16 code units of the decoded text), and rows
 * `[gap, length, id, type, slug, rev, flags, nRefs, refs…, nFieldRefs, fieldRefs…, sortValues…]` where gap is the
 * distance from the previous line's end (the segment's `base` for its first line), strings are table positions,
 * and a sort value is a table position, -1 null, -2 true, -3 false, or -(4 + k) for the segment's k-th number.
 * Decoding the text once and slicing it is about twice as fast as JSON.parse of a string array; a string UTF-8
 * cannot carry (a lone surrogate) means the segment cannot be encoded.
 */
import {createHash} from 'node:crypto'
import {ORDERED_FIELDS, type DocumentKeys, type SortValue} from './indexKeys'
import {lowerBound} from './sortedSearch'

export interface IndexedLine {
  keys: DocumentKeys
  start: number
  end: number
}

/** What the index header records of a segment. */
export interface SegmentShape {
  bytes: number
  sha256: string
  /** The offset the first line's gap counts from. */
  base: number
  stringBytes: number
  strings: number
  documents: number
  numbers: number[]
}

export interface EncodedSegment {
  body: Uint8Array
  shape: SegmentShape
}

/** Whether UTF-8 can carry the string unchanged (no lone surrogate); Node 20 has the method, the TS lib here not. */
const isWellFormed = (value: string): boolean => (value as unknown as {isWellFormed(): boolean}).isWellFormed()
const SURROGATE = /[\uD800-\uDFFF]/
/** Sort fields whose values repeat across documents (types, batch timestamps); the others are unique per document. */
const SHARED_SORT_FIELDS = new Set<string>(['_type', '_createdAt', '_updatedAt'])
const FIELD_COUNT = ORDERED_FIELDS.length
const ID_FIELD = ORDERED_FIELDS.indexOf('_id')
const SLUG_FIELD = ORDERED_FIELDS.indexOf('slug.current')
const TYPE_FIELD = ORDERED_FIELDS.indexOf('_type')
const DEDUPE_FIELD = ORDERED_FIELDS.map((field) => SHARED_SORT_FIELDS.has(field))

/**
 * The segment for `lines` (in file order, none before `base`), or undefined when the format cannot carry them.
 * `ints` is scratch space a caller encoding many segments (a scan worker) keeps across them: a fresh zeroed list
 * per 8 MiB block, grown by doubling, was most of a first open's page faults.
 */
export function encodeSegment(lines: Iterable<IndexedLine>, base: number, ints: IntList = new IntList()): EncodedSegment | undefined {
  const positions = new Map<string, number>()
  const strings: string[] = []
  const numbers: number[] = []
  const numberPositions = new Map<number, number>()
  ints.clear()
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
  let previousEnd = base
  let documents = 0
  for (const {keys, start, end} of lines) {
    const gap = start - previousEnd
    if (gap < 0 || gap > 0x7fffffff || end - start > 0x7fffffff || keys.sortValues.length !== FIELD_COUNT) return undefined
    previousEnd = end
    documents++
    const id = unique(keys.id)
    const slug = unique(keys.slug)
    const type = shared(keys.type)
    ints.push1(gap)
    ints.push1(end - start)
    ints.push1(id)
    ints.push1(type)
    ints.push1(slug)
    ints.push1(unique(keys.rev))
    ints.push1((keys.hasOwnScore ? 1 : 0) | (keys.hasSeparatorKey ? 2 : 0))
    ints.push1(keys.references.length)
    for (const ref of keys.references) ints.push1(shared(ref))
    ints.push1(keys.fieldRefs.length)
    for (const ref of keys.fieldRefs) ints.push1(shared(ref))
    for (let i = 0; i < FIELD_COUNT; i++) {
      const value = keys.sortValues[i]
      if (i === ID_FIELD && value === keys.id) ints.push1(id)
      else if (i === SLUG_FIELD && value === keys.slug && slug >= 0) ints.push1(slug)
      // The `_type` sort value is the type already looked up: one Map lookup per document fewer.
      else if (i === TYPE_FIELD && value === keys.type && type >= 0) ints.push1(type)
      else ints.push1(sortValue(value, DEDUPE_FIELD[i]))
    }
  }
  const joined = strings.join('')
  // Only a string with a surrogate can be ill-formed: the one native scan of the joined text usually settles it.
  if (SURROGATE.test(joined) && !strings.every(isWellFormed)) return undefined
  const stringBytes = Buffer.byteLength(joined)
  const padded = (stringBytes + 3) & ~3
  const intCount = strings.length + 1 + ints.size
  // Never from Buffer's shared pool: a worker transfers `body.buffer` whole. The text is encoded straight into it.
  const body = Buffer.allocUnsafeSlow(padded + intCount * 4)
  body.write(joined, 0, stringBytes, 'utf8')
  body.fill(0x20, stringBytes, padded)
  const table = new Int32Array(body.buffer, body.byteOffset + padded, intCount)
  let offset = 0
  for (let i = 0; i < strings.length; i++) {
    table[i] = offset
    offset += strings[i].length
  }
  table[strings.length] = offset
  table.set(ints.view(), strings.length + 1)
  const shape = {bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), base, stringBytes, strings: strings.length, documents, numbers}
  return {body, shape}
}

/** A growable Int32 list (a plain array of millions of numbers costs more to build and to copy). */
export class IntList {
  private data = new Int32Array(1 << 16)
  private length = 0
  get size(): number {
    return this.length
  }
  /** Empties the list, keeping its storage for the next segment. */
  clear(): void {
    this.length = 0
  }
  push1(value: number): void {
    if (this.length === this.data.length) this.grow()
    this.data[this.length++] = value
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length)
  }
  private grow(): void {
    const bigger = new Int32Array(this.data.length * 2)
    bigger.set(this.data)
    this.data = bigger
  }
}

const NO_STRINGS: string[] = []

/**
 * The rows of one segment, read in place: a document loaded from the index keeps only its `_id` and its row's
 * position, and each other key is read from the Int32 table when asked for. Objects per document (a keys object,
 * sort value arrays, a string per value) were most of a reopen's garbage collection; an index nobody asks about
 * (a view never queried, a field never sorted on) now costs nothing but its bytes.
 */
export class SegmentRows {
  private readonly strings: (string | undefined)[]

  constructor(
    private readonly ints: Int32Array,
    private readonly text: string,
    private readonly stringCount: number,
    private readonly numbers: readonly number[],
  ) {
    this.strings = new Array(stringCount)
  }

  /** A string of the table by position (-1: none). Sliced from the decoded text on first use. */
  string(position: number): string | undefined {
    if (position < 0) return undefined
    return (this.strings[position] ??= this.text.slice(this.ints[position], this.ints[position + 1]))
  }

  type(row: number): string | undefined {
    return this.string(this.ints[row + 3])
  }
  slug(row: number): string | undefined {
    return this.string(this.ints[row + 4])
  }
  rev(row: number): string | undefined {
    return this.string(this.ints[row + 5])
  }
  hasOwnScore(row: number): boolean {
    return (this.ints[row + 6] & 1) !== 0
  }
  references(row: number): string[] {
    return this.list(row + 7)
  }
  fieldRefs(row: number): string[] {
    return this.list(row + 8 + this.ints[row + 7])
  }
  /** The `field`-th sort value (ORDERED_FIELDS order). */
  sortValue(row: number, field: number): SortValue {
    const code = this.ints[this.sortStart(row) + field]
    if (code >= 0) return this.string(code)!
    if (code === -1) return null
    if (code === -2) return true
    if (code === -3) return false
    return this.numbers[-code - 4]
  }
  sortValues(row: number): SortValue[] {
    return Array.from({length: FIELD_COUNT}, (_, field) => this.sortValue(row, field))
  }

  /** How many strings the table holds (string positions are below it). */
  get size(): number {
    return this.stringCount
  }
  /** The decoded string table: string `position` is `tableText.slice(stringStart(position), stringStart(position + 1))`. */
  get tableText(): string {
    return this.text
  }
  stringStart(position: number): number {
    return this.ints[position]
  }
  /** The string position of a row's type or slug (-1: none). */
  keyPosition(row: number, index: 'type' | 'slug'): number {
    return this.ints[row + (index === 'type' ? 3 : 4)]
  }

  /** The positions of the strings equal to `key` (not empty): found with one native search of the table text. */
  positionsOf(key: string): number[] {
    const found: number[] = []
    const ints = this.ints
    for (let at = this.text.indexOf(key); at >= 0; at = this.text.indexOf(key, at + 1)) {
      // The first string starting at or after `at`; only a string starting exactly there (and as long) is `key`.
      for (let p = lowerBound(ints, at, this.stringCount); p < this.stringCount && ints[p] === at; p++) if (ints[p + 1] - at === key.length) found.push(p)
    }
    return found
  }

  /** Whether one of the row's keys in lookup index `index` is at one of `positions`. */
  rowHasKey(row: number, index: 'type' | 'slug' | 'references' | 'fieldRef', positions: readonly number[]): boolean {
    const ints = this.ints
    if (index === 'type' || index === 'slug') return positions.includes(ints[row + (index === 'type' ? 3 : 4)])
    const at = index === 'references' ? row + 7 : row + 8 + ints[row + 7]
    for (let i = at + 1, end = at + 1 + ints[at]; i < end; i++) if (positions.includes(ints[i])) return true
    return false
  }

  /**
   * The string positions of a row's keys in one lookup index, without making a string (`keyLookup.ts` builds
   * the by-key indexes from them): its type, slug, referenced ids or `field` + joiner + id keys.
   */
  keyPositions(row: number, index: 'type' | 'slug' | 'references' | 'fieldRef', visit: (position: number) => void): void {
    const ints = this.ints
    if (index === 'type' || index === 'slug') {
      const position = ints[row + (index === 'type' ? 3 : 4)]
      if (position >= 0) visit(position)
      return
    }
    const at = index === 'references' ? row + 7 : row + 8 + ints[row + 7]
    for (let i = at + 1, end = at + 1 + ints[at]; i < end; i++) visit(ints[i])
  }

  private sortStart(row: number): number {
    const fieldRefsAt = row + 8 + this.ints[row + 7]
    return fieldRefsAt + 1 + this.ints[fieldRefsAt]
  }
  private list(at: number): string[] {
    const length = this.ints[at]
    if (length === 0) return NO_STRINGS
    const values = new Array<string>(length)
    for (let i = 0; i < length; i++) values[i] = this.string(this.ints[at + 1 + i])!
    return values
  }
}

/** One document row as loading sees it: the keys it needs at once, and where the rest is. */
export type RowVisitor = (id: string, rows: SegmentRows, row: number, hasSeparatorKey: boolean, start: number, end: number) => void

/**
 * Checks every row of the segment `body` (its bytes checked against `shape` by the caller) and calls `line` for
 * each in file order. Returns the end of its last line (`notBefore` when empty), or -1, having stopped, when a row
 * is inconsistent: a string or number position out of range, a line starting before `notBefore` (the previous
 * segment's end) or ending past `dataSize`. Every position is checked here, so reading a row later cannot fail.
 */
export function readSegmentRows(body: Uint8Array, shape: SegmentShape, notBefore: number, dataSize: number, line: RowVisitor): number {
  const {stringBytes, strings: stringCount, documents, numbers, base} = shape
  const tableStart = (stringBytes + 3) & ~3
  const intCount = (body.length - tableStart) / 4
  if (!Number.isInteger(intCount) || intCount < stringCount + 1 || !(base >= 0) || !Array.isArray(numbers)) return -1
  // An aligned view when the segment starts on a 4-byte boundary of its buffer (the index file pads its header
  // for that), else an aligned copy.
  const at0 = body.byteOffset + tableStart
  let ints: Int32Array
  if (at0 % 4 === 0) ints = new Int32Array(body.buffer, at0, intCount)
  else {
    const copy = new Uint8Array(intCount * 4)
    copy.set(body.subarray(tableStart))
    ints = new Int32Array(copy.buffer)
  }
  const text = Buffer.from(body.buffer, body.byteOffset, stringBytes).toString('utf8')
  for (let i = 0; i < stringCount; i++) if (!(ints[i] >= 0 && ints[i] <= ints[i + 1] && ints[i + 1] <= text.length)) return -1
  const rows = new SegmentRows(ints, text, stringCount, numbers)
  const stringAt = (code: number, optional: boolean) => (optional ? code >= -1 : code >= 0) && code < stringCount
  const sortCode = (code: number) => (code >= -3 ? code < stringCount : typeof numbers[-code - 4] === 'number')
  let at = stringCount + 1
  let previousEnd = base
  for (let n = 0; n < documents; n++) {
    const row = at
    if (at + 9 + FIELD_COUNT > intCount) return -1
    const start = previousEnd + ints[at]
    const end = start + ints[at + 1]
    if (ints[at] < 0 || start < notBefore || end < start || end > dataSize) return -1
    if (!stringAt(ints[at + 2], false) || !stringAt(ints[at + 3], true) || !stringAt(ints[at + 4], true) || !stringAt(ints[at + 5], true)) return -1
    at += 7
    for (let list = 0; list < 2; list++) {
      const length = ints[at]
      if (!(length >= 0 && at + length + 1 + FIELD_COUNT <= intCount)) return -1
      for (let i = 1; i <= length; i++) if (!stringAt(ints[at + i], false)) return -1
      at += 1 + length
    }
    if (at + FIELD_COUNT > intCount) return -1
    for (let i = 0; i < FIELD_COUNT; i++) if (!sortCode(ints[at + i])) return -1
    at += FIELD_COUNT
    line(rows.string(ints[row + 2])!, rows, row, (ints[row + 6] & 2) !== 0, start, end)
    previousEnd = notBefore = end
  }
  return at === intCount ? notBefore : -1
}
