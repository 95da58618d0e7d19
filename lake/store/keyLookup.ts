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
import type {SegmentRows} from './keyIndexSegment'
import {Bucket, keysOf, type IndexName, type LookupBase} from './lookupBase'
import {buildMembers, type BuiltMembers} from './lookupBuild'
import type {IndexEntry} from './orderedIndex'
import type {StoredDocument} from './storedDocument'
import {lowerBound} from './sortedSearch'

export {LookupBase, type IndexName} from './lookupBase'

/**
 * Distinct keys looked up by searching the key index segments before the whole index is built. A search costs
 * ~20-40 ms at 100k articles (a native `indexOf` over each segment's string table, then one pass over the rows),
 * the whole reverse-reference index ~0.3-0.5 s: one process, one query (`npm run query`, a page render) looks up
 * one or two keys per index and never builds it; a server builds it on its third key (a dozen searches first made
 * the bench's warm article pages 40 ms each until the build).
 */
const SEARCHED_KEYS_BEFORE_BUILD = 2

/** How lookups were answered since the process started (tests count them: a search, not a build, after a reopen). */
export const lookupStats = {searches: 0, builds: 0}

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
    if (name === 'type' || !base.rowBacked) this.built = this.buildNow()
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
    const low = lowerBound(members, ordinal)
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
      this.built = this.buildNow()
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

  private buildNow(): BuiltMembers {
    lookupStats.builds++
    return buildMembers(this.name, this.base)
  }
}

const NONE: readonly string[] = []
const NO_MEMBERS = new Int32Array(0)
