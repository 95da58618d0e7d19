/**
 * Text postings of one data file, per persisted field, in the compact form the postings file stores and the text
 * indexes read (`textPostingsFile.ts`): sorted upper-case keys, and per key its documents (line ordinals, in
 * order) with their token counts as varints, the largest count, the number of documents and whether a non-plain
 * token was ever under it. `PostingsBuilder` makes them from documents in line order.
 */
import {fieldTokens, isMixed, type FieldTokens} from './matchTokens'

export interface FieldPostings {
  field: string
  /** Sorted (UTF-16 code unit order, as `Array#sort`). */
  keys: string[]
  /** Byte range of key i's postings in `blob`: [offsets[i], offsets[i + 1]). */
  offsets: Int32Array
  maxCounts: Int32Array
  /** Documents per key. */
  sizes: Int32Array
  /** Bit 1: some token under the key is not plain (`isPlainToken`). */
  flags: Int32Array
  /** Ordinals of documents whose field is an array holding non-strings (groq-js matches nothing there). */
  mixed: Int32Array
  blob: Uint8Array
  /** The last ordinal per key (made by `PostingsBuilder`, not stored): lets blocks be joined without decoding. */
  lasts?: Int32Array
}

export interface PostingsData {
  /** Document lines of the data file: ordinals run from 0 to documents - 1. */
  documents: number
  fields: FieldPostings[]
}

export const IMPURE = 1

/** The position of `key` in the section, or -1. */
export function keyPosition(section: FieldPostings, key: string): number {
  const at = lowerBound(section.keys, key)
  return section.keys[at] === key ? at : -1
}

/** Positions [from, to) of the keys starting with `prefix`. */
export function prefixRange(section: FieldPostings, prefix: string): [number, number] {
  const from = lowerBound(section.keys, prefix)
  let to = from
  while (to < section.keys.length && section.keys[to].startsWith(prefix)) to++
  return [from, to]
}

function lowerBound(keys: string[], key: string): number {
  let [low, high] = [0, keys.length]
  while (low < high) {
    const middle = (low + high) >>> 1
    if (keys[middle] < key) low = middle + 1
    else high = middle
  }
  return low
}

/** Calls `visit` for each document under key position `at`, in ordinal order. */
export function forEachPosting(section: FieldPostings, at: number, visit: (ordinal: number, count: number) => void): void {
  const blob = section.blob
  const end = section.offsets[at + 1]
  let position = section.offsets[at]
  let ordinal = -1
  const next = (): number => {
    let value = 0
    let shift = 0
    for (;;) {
      const byte = blob[position++]
      value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return value
      shift += 7
    }
  }
  while (position < end) {
    const code = next()
    ordinal += Math.floor(code / 2) + 1
    visit(ordinal, code & 1 ? next() : 1)
  }
}

class KeyList {
  bytes = new Uint8Array(8)
  length = 0
  last = -1
  max = 0
  size = 0
  impure = false

  push(ordinal: number, count: number): void {
    if (this.length + 12 > this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2)
      bigger.set(this.bytes)
      this.bytes = bigger
    }
    this.varint((ordinal - this.last - 1) * 2 + (count > 1 ? 1 : 0))
    if (count > 1) this.varint(count)
    this.last = ordinal
    this.size++
    if (count > this.max) this.max = count
  }

  private varint(value: number): void {
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80
      value = Math.floor(value / 128)
    }
    this.bytes[this.length++] = value
  }
}

/** Postings built from documents or lists in ordinal order (per key, ordinals must increase). */
export class PostingsBuilder {
  private readonly lists: Map<string, KeyList>[]
  private readonly mixed: number[][]
  /** The next ordinal `addDocument` gives. */
  documents = 0

  constructor(readonly fields: readonly string[]) {
    this.lists = fields.map(() => new Map())
    this.mixed = fields.map(() => [])
  }

  /** The next document line (undefined for a line that is no document of any field: it still takes an ordinal). */
  addDocument(doc: Record<string, unknown> | undefined): void {
    const ordinal = this.documents++
    if (!doc) return
    this.fields.forEach((field, i) => {
      const value = doc[field]
      if (value === undefined) return
      this.addTokens(i, ordinal, fieldTokens(value), isMixed(value))
    })
  }

  addTokens(fieldIndex: number, ordinal: number, tokens: FieldTokens, mixed: boolean): void {
    if (mixed) this.mixed[fieldIndex].push(ordinal)
    for (const [key, count] of tokens.counts) this.append(fieldIndex, key, ordinal, count, tokens.impure?.has(key) ?? false)
  }

  /** Documents (ordinals) whose field mixes strings with other values. */
  addMixed(fieldIndex: number, ordinals: number[]): void {
    this.mixed[fieldIndex].push(...ordinals)
  }

  append(fieldIndex: number, key: string, ordinal: number, count: number, impure: boolean): void {
    const lists = this.lists[fieldIndex]
    let list = lists.get(key)
    if (!list) lists.set(key, (list = new KeyList()))
    list.push(ordinal, count)
    if (impure) list.impure = true
  }

  finish(): PostingsData {
    const fields = this.fields.map((field, i): FieldPostings => {
      const lists = this.lists[i]
      const keys = [...lists.keys()].sort()
      const n = keys.length
      const [offsets, maxCounts, sizes, flags, lasts] = [new Int32Array(n + 1), new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n)]
      let total = 0
      keys.forEach((key, k) => ((offsets[k] = total), (total += lists.get(key)!.length)))
      offsets[n] = total
      const blob = new Uint8Array(total)
      keys.forEach((key, k) => {
        const list = lists.get(key)!
        blob.set(list.bytes.subarray(0, list.length), offsets[k])
        ;[maxCounts[k], sizes[k], flags[k], lasts[k]] = [list.max, list.size, list.impure ? IMPURE : 0, list.last]
      })
      return {field, keys, offsets, maxCounts, sizes, flags, mixed: Int32Array.from(this.mixed[i].sort((a, b) => a - b)), blob, lasts}
    })
    return {documents: this.documents, fields}
  }
}
