/**
 * Encodes the keys of a run of lines as one key index segment (layout: `keyIndexSegment.ts`). Shared strings are
 * stored once, unique ones appended; a string UTF-8 cannot carry (a lone surrogate) means no segment.
 */
import {createHash} from 'node:crypto'
import {ORDERED_FIELDS, type SortValue} from './indexKeys'
import type {EncodedSegment, IndexedLine} from './keyIndexSegment'
import {asciiFirstOrder, remapRows} from './segmentOrder'

/** Whether UTF-8 can carry the string unchanged (no lone surrogate); Node 20 has the method, the TS lib here not. */
const isWellFormed = (value: string): boolean => (value as unknown as {isWellFormed(): boolean}).isWellFormed()
const SURROGATE = /[\uD800-\uDFFF]/
const NON_ASCII = /[^\x00-\x7f]/
/** Sort fields whose values repeat across documents (types, batch timestamps); the others are unique per document. */
const SHARED_SORT_FIELDS = new Set<string>(['_type', '_createdAt', '_updatedAt'])
const FIELD_COUNT = ORDERED_FIELDS.length
const ID_FIELD = ORDERED_FIELDS.indexOf('_id')
const SLUG_FIELD = ORDERED_FIELDS.indexOf('slug.current')
const TYPE_FIELD = ORDERED_FIELDS.indexOf('_type')
export const DEDUPE_FIELD = ORDERED_FIELDS.map((field) => SHARED_SORT_FIELDS.has(field))

/**
 * The segment for `lines` (in file order, none before `base`), or undefined when the format cannot carry them.
 * `ints` is scratch space a caller encoding many segments (a scan worker) keeps across them: a fresh zeroed list
 * per 8 MiB block, grown by doubling, was most of a first open's page faults.
 */
export function encodeSegment(lines: Iterable<IndexedLine>, base: number, ints: IntList = new IntList()): EncodedSegment | undefined {
  const positions = new Map<string, number>()
  let strings: string[] = []
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
  // ASCII strings first (`segmentOrder.ts`).
  const ascii = Uint8Array.from(strings, (value) => (NON_ASCII.test(value) ? 0 : 1))
  const order = asciiFirstOrder(ascii, strings.length)
  if (order) {
    const ordered = new Array<string>(strings.length)
    for (let p = 0; p < strings.length; p++) ordered[order[p]] = strings[p]
    strings = ordered
    remapRows(ints.view(), documents, order)
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
  at(index: number): number {
    return this.data[index]
  }
  set(index: number, value: number): void {
    this.data[index] = value
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
