/**
 * The by-key lookup indexes of one view (`_type`, `slug.current`, reverse references, top-level field references),
 * built on first use without an object per document or per reference: the view's entries at that moment are the
 * *base* (numbered in dataset order), and each index is one Int32 table of base numbers grouped by key (keys
 * counted, then filled: compressed rows). Documents loaded from the key index file give their keys as string
 * positions of its segments (`SegmentRows.keyPositions`), so a key string is made once per segment, not once per
 * reference: a reopened 100k-article dataset answers its first `references()` in tens of milliseconds instead of
 * seconds of Set building and garbage collection. Entries written (or added) after the base are kept in small
 * per-key buckets beside it, and a base entry that changed is skipped in the base from then on.
 */
import type {IndexEntry} from './orderedIndex'
import {SpanKeys} from './spanKeys'
import type {SegmentRows} from './keyIndexSegment'
import type {StoredDocument} from './storedDocument'

export type IndexName = 'type' | 'slug' | 'references' | 'fieldRef'

/** A document's keys in one index, as strings (the path for documents whose keys are held as objects). */
export function keysOf(stored: StoredDocument, name: IndexName): readonly string[] {
  switch (name) {
    case 'type':
      return stored.typeKeys
    case 'slug':
      return stored.slugKeys
    case 'references':
      return stored.references
    case 'fieldRef':
      return stored.fieldRefs
  }
}

/** The view's entries when its first lookup index was built, and which of them changed since. */
export class LookupBase {
  readonly entries: IndexEntry[]
  private readonly stored: StoredDocument[]
  private readonly seqs: Int32Array
  private readonly stale: Uint8Array
  private staleCount = 0
  /** Entries shown now that the base does not describe (written or added since): every index keeps them in buckets. */
  readonly extra = new Set<IndexEntry>()
  /** Whether the documents' keys are read from key index segments (loaded from the index file or a worker's scan). */
  readonly rowBacked: boolean

  constructor(entries: Iterable<IndexEntry>) {
    this.entries = [...entries]
    const count = this.entries.length
    this.stored = new Array(count)
    this.seqs = new Int32Array(count)
    for (let i = 0; i < count; i++) {
      this.stored[i] = this.entries[i].stored
      this.seqs[i] = this.entries[i].seq
    }
    this.stale = new Uint8Array(count)
    this.rowBacked = count > 0 && this.stored[0].segmentRows !== undefined
  }

  get size(): number {
    return this.entries.length
  }
  storedAt(ordinal: number): StoredDocument {
    return this.stored[ordinal]
  }
  get unchanged(): boolean {
    return this.staleCount === 0
  }
  isCurrent(ordinal: number): boolean {
    return this.stale[ordinal] === 0
  }

  /** The entry's base number while the base still describes it, else -1. */
  ordinalOf(entry: IndexEntry): number {
    const seqs = this.seqs
    let low = 0
    let high = seqs.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (seqs[middle] < entry.seq) low = middle + 1
      else high = middle
    }
    return low < seqs.length && this.entries[low] === entry && this.stale[low] === 0 ? low : -1
  }

  /** Records a change of `entry` (`present`: it is still in the view); true when the base described it until now. */
  changed(entry: IndexEntry, present: boolean): boolean {
    const ordinal = this.ordinalOf(entry)
    if (ordinal >= 0) {
      this.stale[ordinal] = 1
      this.staleCount++
    }
    if (present) this.extra.add(entry)
    else this.extra.delete(entry)
    return ordinal >= 0
  }
}

/**
 * Distinct keys looked up by searching the key index segments before the whole index is built. A search costs a
 * few tens of ms at 100k articles (a native `indexOf` over each segment's string table, then one pass over the
 * rows), the whole reverse-reference index ~0.3-0.5 s: one process, one query (`npm run query`, a page render)
 * never builds it, a server builds it once it has searched this many keys.
 */
const SEARCHED_KEYS_BEFORE_BUILD = 12

/** How lookups were answered since the process started (tests count them: a search, not a build, after a reopen). */
export const lookupStats = {searches: 0, builds: 0}

/** Base numbers per key. */
interface BuiltMembers {
  keys: SpanKeys
  offsets: Int32Array
  members: Int32Array
}

/** One lookup index: the base's members per key, plus buckets for the entries the base no longer describes. */
export class LookupIndex {
  private built: BuiltMembers | undefined
  /** Before the build: the base numbers of each key searched so far. */
  private readonly searched = new Map<string, Int32Array>()
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly name: IndexName,
    private readonly base: LookupBase,
  ) {
    // `_type` has a handful of keys, each shared by thousands of rows: building it costs less than two searches.
    if (name === 'type' || !base.rowBacked) this.built = this.build()
    for (const entry of base.extra) this.update(entry, undefined, entry.stored)
  }

  /** The entries under `key`, in dataset order. */
  entries(key: string): IndexEntry[] {
    const members = this.baseMembers(key)
    const bucket = this.buckets.get(key)
    const fromBase: IndexEntry[] = []
    const {entries} = this.base
    const all = this.base.unchanged
    for (let i = 0; i < members.length; i++) {
      const ordinal = members[i]
      if (all || this.base.isCurrent(ordinal)) fromBase.push(entries[ordinal])
    }
    if (!bucket) return fromBase
    return fromBase.length === 0 ? bucket.inOrder() : [...fromBase, ...bucket].sort((a, b) => a.seq - b.seq)
  }

  has(key: string, entry: IndexEntry): boolean {
    const ordinal = this.base.ordinalOf(entry)
    if (ordinal < 0) return this.buckets.get(key)?.has(entry) ?? false
    const members = this.baseMembers(key)
    let low = 0
    let high = members.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (members[middle] < ordinal) low = middle + 1
      else high = middle
    }
    return low < members.length && members[low] === ordinal
  }

  /** An estimate (base entries that changed since still count): enough to pick the most selective index. */
  count(key: string): number {
    return this.baseMembers(key).length + (this.buckets.get(key)?.size ?? 0)
  }

  /** The base numbers under `key`, ascending: from the built index, a search made before, or a new search (or the build). */
  private baseMembers(key: string): Int32Array {
    if (!this.built) {
      const known = this.searched.get(key)
      if (known) return known
      if (this.searched.size < SEARCHED_KEYS_BEFORE_BUILD && key.length > 0) {
        const found = this.search(key)
        this.searched.set(key, found)
        return found
      }
      this.built = this.build()
      this.searched.clear()
    }
    const {keys, offsets, members} = this.built
    const number = keys.find(key)
    return number < 0 ? NO_MEMBERS : members.subarray(offsets[number], offsets[number + 1])
  }

  /** The base numbers of the documents with `key`, by searching each segment's strings for it, then its rows. */
  private search(key: string): Int32Array {
    lookupStats.searches++
    const found: number[] = []
    const positionsBySegment = new Map<SegmentRows, number[]>()
    let positionsRows: SegmentRows | undefined
    let positions: number[] = []
    for (let ordinal = 0; ordinal < this.base.size; ordinal++) {
      const stored = this.base.storedAt(ordinal)
      const rows = stored.segmentRows
      if (!rows) {
        if (keysOf(stored, this.name).includes(key)) found.push(ordinal)
        continue
      }
      if (rows !== positionsRows) {
        let known = positionsBySegment.get(rows)
        if (!known) positionsBySegment.set(rows, (known = rows.positionsOf(key)))
        positions = known
        positionsRows = rows
      }
      if (positions.length > 0 && rows.rowHasKey(stored.segmentRow, this.name, positions)) found.push(ordinal)
    }
    return Int32Array.from(found)
  }

  /** Moves an entry the base does not describe between buckets (`before`: the document it was bucketed under). */
  update(entry: IndexEntry, before: StoredDocument | undefined, after: StoredDocument | undefined): void {
    const was = before ? keysOf(before, this.name) : NONE
    const is = after ? keysOf(after, this.name) : NONE
    for (const key of was) {
      if (is.includes(key)) continue
      const bucket = this.buckets.get(key)
      if (!bucket) continue
      bucket.delete(entry)
      if (bucket.size === 0) this.buckets.delete(key)
    }
    for (const key of is) {
      if (was.includes(key)) continue
      let bucket = this.buckets.get(key)
      if (!bucket) this.buckets.set(key, (bucket = new Bucket()))
      bucket.add(entry)
    }
  }

  /** (key, base number) pairs in base order, then grouped by key: a counting sort, members ascending per key. */
  private build(): BuiltMembers {
    lookupStats.builds++
    const pairs = new PairList()
    const keys = new SpanKeys()
    // Per segment, the key number of each string position seen (0: not yet), so a repeated key costs an array read.
    const numbersBySegment = new Map<SegmentRows, Int32Array>()
    let ordinal = 0
    const visitorOf = (numbers: Int32Array, rows: SegmentRows) => {
      const text = rows.tableText
      return (position: number) => {
        let number = numbers[position] - 1
        if (number < 0) numbers[position] = (number = keys.add(text, rows.stringStart(position), rows.stringStart(position + 1))) + 1
        pairs.push(number, ordinal)
      }
    }
    let visitor: ((position: number) => void) | undefined
    let visitorRows: SegmentRows | undefined
    for (; ordinal < this.base.size; ordinal++) {
      const stored = this.base.storedAt(ordinal)
      const rows = stored.segmentRows
      if (!rows) {
        for (const key of keysOf(stored, this.name)) pairs.push(keys.add(key, 0, key.length), ordinal)
        continue
      }
      if (rows !== visitorRows) {
        let numbers = numbersBySegment.get(rows)
        if (!numbers) numbersBySegment.set(rows, (numbers = new Int32Array(rows.size)))
        visitor = visitorOf(numbers, rows)
        visitorRows = rows
      }
      rows.keyPositions(stored.segmentRow, this.name, visitor!)
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
}

const NONE: readonly string[] = []
const NO_MEMBERS = new Int32Array(0)

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

/** Entries sharing one key outside the base; a Set keeps insertion order, which is dataset order until an entry re-enters. */
export class Bucket extends Set<IndexEntry> {
  private maxSeq = 0
  private ordered = true

  override add(entry: IndexEntry): this {
    if (entry.seq < this.maxSeq) this.ordered = false
    else this.maxSeq = entry.seq
    return super.add(entry)
  }

  /** The entries in dataset order. */
  inOrder(): IndexEntry[] {
    const list = [...this]
    if (this.ordered) return list
    list.sort((a, b) => a.seq - b.seq)
    this.clear()
    for (const entry of list) super.add(entry)
    this.ordered = true
    return list
  }
}
