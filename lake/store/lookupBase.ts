/**
 * What the lookup indexes of one view (`keyLookup.ts`) stand on: the view's entries when the first of them was
 * built (the *base*, numbered in dataset order), which of those changed since, and the small per-key buckets that
 * hold the entries the base no longer describes.
 */
import type {IndexEntry} from './orderedIndex'
import type {StoredDocument} from './storedDocument'
import {lowerBound} from './sortedSearch'

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
    const low = lowerBound(this.seqs, entry.seq)
    return low < this.seqs.length && this.entries[low] === entry && this.stale[low] === 0 ? low : -1
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
