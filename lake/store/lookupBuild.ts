/**
 * Builds one lookup index over the base in one pass: the (key, base number) pairs of every document, then a
 * counting sort into one Int32 table of base numbers grouped by key. Documents loaded from the key index file give
 * their keys as string positions of its segments (`SegmentRows.keyPositions`): a key is hashed once per segment
 * (`spanKeys.ts`), never made into a string, and nothing is allocated per document or per reference.
 */
import type {SegmentRows} from './keyIndexSegment'
import {keysOf, type IndexName, type LookupBase} from './lookupBase'
import {SpanKeys} from './spanKeys'

/** Base numbers per key: key `n`'s members are `members[offsets[n]…offsets[n + 1])`, ascending. */
export interface BuiltMembers {
  keys: SpanKeys
  offsets: Int32Array
  members: Int32Array
}

/** (key, base number) pairs in base order, then grouped by key: a counting sort, members ascending per key. */
export function buildMembers(name: IndexName, base: LookupBase): BuiltMembers {
  if (name === 'type' || name === 'slug') return buildSingleKey(name, base)
  const pairs = new PairList()
  const keys = new SpanKeys()
  // Per segment, the key number of each string position seen (0: not yet), so a repeated key costs an array read.
  const numbersBySegment = new Map<SegmentRows, Int32Array>()
  let ordinal = 0
  const visitorOf = (numbers: Int32Array, rows: SegmentRows) => {
    return (position: number) => {
      let number = numbers[position] - 1
      if (number < 0) numbers[position] = (number = keys.add(rows.textOf(position), rows.textStart(position), rows.textStart(position + 1, position))) + 1
      pairs.push(number, ordinal)
    }
  }
  let visitor: ((position: number) => void) | undefined
  let visitorRows: SegmentRows | undefined
  for (; ordinal < base.size; ordinal++) {
    const stored = base.storedAt(ordinal)
    const rows = stored.segmentRows
    if (!rows) {
      for (const key of keysOf(stored, name)) pairs.push(keys.add(key, 0, key.length), ordinal)
      continue
    }
    if (rows !== visitorRows) {
      let numbers = numbersBySegment.get(rows)
      if (!numbers) numbersBySegment.set(rows, (numbers = new Int32Array(rows.size)))
      visitor = visitorOf(numbers, rows)
      visitorRows = rows
    }
    rows.keyPositions(stored.segmentRow, name, visitor!)
  }
  const keyCount = keys.size
  const offsets = new Int32Array(keyCount + 1)
  const last = new Int32Array(keyCount).fill(-1)
  const {keys: pairKeys, ordinals, length} = pairs
  // A document listing a key twice is one member.
  for (let i = 0; i < length; i++) if (last[pairKeys[i]] !== ordinals[i]) (last[pairKeys[i]] = ordinals[i]), offsets[pairKeys[i] + 1]++
  for (let k = 0; k < keyCount; k++) offsets[k + 1] += offsets[k]
  const members = new Int32Array(offsets[keyCount])
  const fill = offsets.slice(0, keyCount)
  last.fill(-1)
  for (let i = 0; i < length; i++) if (last[pairKeys[i]] !== ordinals[i]) (last[pairKeys[i]] = ordinals[i]), (members[fill[pairKeys[i]]++] = ordinals[i])
  return {keys, offsets, members}
}

/**
 * The same for an index with at most one key per document (`_type`, `slug.current`): each base number's key in one
 * Int32 column, read straight from the row (no callback, no pair list); every query filtering on `_type` after a
 * reopen builds this first, so it is on the path of every first query.
 */
function buildSingleKey(name: 'type' | 'slug', base: LookupBase): BuiltMembers {
  const keys = new SpanKeys()
  const keyOf = new Int32Array(base.size)
  const numbersBySegment = new Map<SegmentRows, Int32Array>()
  let numbers: Int32Array | undefined
  let numbersRows: SegmentRows | undefined
  for (let ordinal = 0; ordinal < base.size; ordinal++) {
    const stored = base.storedAt(ordinal)
    const rows = stored.segmentRows
    if (!rows) {
      const held = keysOf(stored, name)
      keyOf[ordinal] = held.length === 0 ? -1 : keys.add(held[0], 0, held[0].length)
      continue
    }
    const position = rows.keyPosition(stored.segmentRow, name)
    if (position < 0) {
      keyOf[ordinal] = -1
      continue
    }
    if (rows !== numbersRows) {
      numbers = numbersBySegment.get(rows)
      if (!numbers) numbersBySegment.set(rows, (numbers = new Int32Array(rows.size)))
      numbersRows = rows
    }
    let number = numbers![position] - 1
    if (number < 0) numbers![position] = (number = keys.add(rows.textOf(position), rows.textStart(position), rows.textStart(position + 1, position))) + 1
    keyOf[ordinal] = number
  }
  const keyCount = keys.size
  const offsets = new Int32Array(keyCount + 1)
  for (let ordinal = 0; ordinal < keyOf.length; ordinal++) if (keyOf[ordinal] >= 0) offsets[keyOf[ordinal] + 1]++
  for (let k = 0; k < keyCount; k++) offsets[k + 1] += offsets[k]
  const members = new Int32Array(offsets[keyCount])
  const fill = offsets.slice(0, keyCount)
  for (let ordinal = 0; ordinal < keyOf.length; ordinal++) if (keyOf[ordinal] >= 0) members[fill[keyOf[ordinal]]++] = ordinal
  return {keys, offsets, members}
}

/** Two growable Int32 columns (a plain array of a million pairs costs more to build and to collect). */
class PairList {
  keys = new Int32Array(1 << 16)
  ordinals = new Int32Array(1 << 16)
  length = 0
  push(key: number, ordinal: number): void {
    if (this.length === this.keys.length) {
      const keys = new Int32Array(this.length * 2)
      keys.set(this.keys)
      const ordinals = new Int32Array(this.length * 2)
      ordinals.set(this.ordinals)
      ;[this.keys, this.ordinals] = [keys, ordinals]
    }
    this.keys[this.length] = key
    this.ordinals[this.length++] = ordinal
  }
}
