/**
 * Text postings of one data file, per persisted field, in the compact form the postings file stores and the text
 * indexes read (`textPostingsFile.ts`): sorted upper-case keys, and per key its documents (line ordinals, in
 * order) with their token counts as varints, the largest count, the number of documents and whether a non-plain
 * token was ever under it. `PostingsBuilder` makes them from documents in line order.
 */
import {isMixed, isPlainToken, matchTokens} from './matchTokens'
import {lowerBoundString} from './sortedSearch'

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
  /**
   * Postings read from a file load `blob`'s bytes on use: makes bytes [start, end) readable (read and verified).
   * A damaged chunk makes the owner rebuild the postings and put them in place of this section's lists, so read
   * the lists only after calling it. Absent when the blob is whole in memory.
   */
  ready?: (start: number, end: number) => void
}

export interface PostingsData {
  /** Document lines of the data file: ordinals run from 0 to documents - 1. */
  documents: number
  fields: FieldPostings[]
}

export const IMPURE = 1

/**
 * The fields whose postings are persisted beside the dataset (`textPostings.ts`): the stored search fields
 * (`schemas/search/searchTextFor.ts`), which search matches. A text index of any other field is built from the
 * documents on its first use.
 */
export const PERSISTED_TEXT_FIELDS: readonly string[] = ['searchText', 'searchTitle']

/** The position of `key` in the section, or -1. */
export function keyPosition(section: FieldPostings, key: string): number {
  const at = lowerBoundString(section.keys, key)
  return section.keys[at] === key ? at : -1
}

/** Positions [from, to) of the keys starting with `prefix`. */
export function prefixRange(section: FieldPostings, prefix: string): [number, number] {
  const from = lowerBoundString(section.keys, prefix)
  let to = from
  while (to < section.keys.length && section.keys[to].startsWith(prefix)) to++
  return [from, to]
}

/** Calls `visit` for each document under key position `at`, in ordinal order. */
export function forEachPosting(section: FieldPostings, at: number, visit: (ordinal: number, count: number) => void): void {
  section.ready?.(section.offsets[at], section.offsets[at + 1])
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

function varint(blob: Uint8Array | undefined, at: number, value: number): number {
  while (value >= 0x80) {
    if (blob) blob[at] = (value & 0x7f) | 0x80
    at++
    value = Math.floor(value / 128)
  }
  if (blob) blob[at] = value
  return at + 1
}

/** `isPlainToken` with the common case (ASCII) decided without a regular expression. */
function isPlain(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (token.charCodeAt(i) >= 0x80) return isPlainToken(token)
  return true
}

/** One field's token occurrences while building: (token id, ordinal) pairs in flat arrays, grouped at the end. */
class Occurrences {
  readonly ids = new Map<string, number>()
  readonly tokens: string[] = []
  pairs = new Int32Array(1 << 12)
  length = 0
  readonly mixed: number[] = []
  readonly impureKeys = new Set<string>()

  add(token: string, ordinal: number): void {
    let id = this.ids.get(token)
    if (id === undefined) this.ids.set(token, (id = this.tokens.push(token) - 1))
    if (this.length + 2 > this.pairs.length) {
      const bigger = new Int32Array(this.pairs.length * 2)
      bigger.set(this.pairs)
      this.pairs = bigger
    }
    this.pairs[this.length++] = id
    this.pairs[this.length++] = ordinal
  }
}

/**
 * Postings built from documents (or lists) in ordinal order. Each token occurrence costs one map lookup and two
 * array writes; keys, counts and order are worked out once at the end (a counting sort by key, stable, so each
 * key's ordinals stay in the order they came). Measured: about twice as fast as a growing list per key.
 */
export class PostingsBuilder {
  private readonly occurrences: Occurrences[]
  /** The next ordinal `addDocument` gives. */
  documents = 0

  constructor(readonly fields: readonly string[]) {
    this.occurrences = fields.map(() => new Occurrences())
  }

  /** The next document line (undefined for a line that is no document of any field: it still takes an ordinal). */
  addDocument(doc: Record<string, unknown> | undefined): void {
    const ordinal = this.documents++
    if (!doc) return
    for (let f = 0; f < this.fields.length; f++) {
      const value = doc[this.fields[f]]
      if (typeof value === 'string') this.addText(f, ordinal, value)
      else if (Array.isArray(value)) {
        if (isMixed(value)) this.occurrences[f].mixed.push(ordinal)
        for (const part of value) if (typeof part === 'string') this.addText(f, ordinal, part)
      }
    }
  }

  private addText(fieldIndex: number, ordinal: number, text: string): void {
    const occurrences = this.occurrences[fieldIndex]
    for (const token of matchTokens(text)) occurrences.add(token, ordinal)
  }

  /** Documents (ordinals) whose field mixes strings with other values. */
  addMixed(fieldIndex: number, ordinals: number[]): void {
    this.occurrences[fieldIndex].mixed.push(...ordinals)
  }

  /** `count` tokens under `key` in document `ordinal` (`impure`: some were not plain). */
  append(fieldIndex: number, key: string, ordinal: number, count: number, impure: boolean): void {
    const occurrences = this.occurrences[fieldIndex]
    for (let i = 0; i < count; i++) occurrences.add(key, ordinal)
    if (impure) occurrences.impureKeys.add(key)
  }

  finish(): PostingsData {
    return {documents: this.documents, fields: this.fields.map((field, f) => finishField(field, this.occurrences[f]))}
  }
}

function finishField(field: string, occurrences: Occurrences): FieldPostings {
  const {tokens, pairs, length} = occurrences
  const upper = tokens.map((token) => token.toUpperCase())
  const keys = [...new Set(upper)].sort()
  const n = keys.length
  const keyOf = new Map(keys.map((key, k) => [key, k]))
  const keyOfToken = Int32Array.from(upper, (key) => keyOf.get(key)!)
  const [offsets, maxCounts, sizes, flags, lasts] = [new Int32Array(n + 1), new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n)]
  tokens.forEach((token, t) => {
    if (!isPlain(token) || occurrences.impureKeys.has(upper[t])) flags[keyOfToken[t]] = IMPURE
  })
  // Counting sort of the ordinals by key.
  const starts = new Int32Array(n + 1)
  for (let i = 0; i < length; i += 2) starts[keyOfToken[pairs[i]] + 1]++
  for (let k = 0; k < n; k++) starts[k + 1] += starts[k]
  const ordinals = new Int32Array(length / 2)
  const next = starts.slice(0, n)
  for (let i = 0; i < length; i += 2) ordinals[next[keyOfToken[pairs[i]]]++] = pairs[i + 1]
  // Per key: equal ordinals (a document's repeated tokens) become one posting with their count.
  const encodeKey = (k: number, blob: Uint8Array | undefined, at: number): number => {
    let previous = -1
    for (let i = starts[k]; i < starts[k + 1]; ) {
      const ordinal = ordinals[i]
      let count = 0
      while (i < starts[k + 1] && ordinals[i] === ordinal) (count++, i++)
      at = varint(blob, at, (ordinal - previous - 1) * 2 + (count > 1 ? 1 : 0))
      if (count > 1) at = varint(blob, at, count)
      if (blob) {
        sizes[k]++
        if (count > maxCounts[k]) maxCounts[k] = count
      }
      previous = ordinal
    }
    lasts[k] = previous
    return at
  }
  let total = 0
  for (let k = 0; k < n; k++) ((offsets[k] = total), (total = encodeKey(k, undefined, total)))
  offsets[n] = total
  const blob = new Uint8Array(total)
  for (let k = 0; k < n; k++) encodeKey(k, blob, offsets[k])
  return {field, keys, offsets, maxCounts, sizes, flags, mixed: Int32Array.from(occurrences.mixed.sort((a, b) => a - b)), blob, lasts}
}
