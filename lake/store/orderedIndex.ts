/**
 * An ordered index: the documents of one view (optionally of one `_type`) sorted by a list of fields with
 * directions, exactly as GROQ's `order()` would sort them, ties broken by dataset sequence. Built on first use
 * from the sort values kept per document (no parsing), then kept sorted on every write by binary search.
 */
import {compareSortValues} from './groqOrder'
import type {OrderedField, StoredDocument} from './storedDocument'

export interface IndexEntry {
  seq: number
  stored: StoredDocument
}

export interface OrderKey {
  field: OrderedField
  desc: boolean
}

export class OrderedIndex {
  private entries: IndexEntry[]

  constructor(
    readonly keys: OrderKey[],
    members: Iterable<IndexEntry>,
  ) {
    this.entries = [...members].sort((a, b) => this.compare(a, b))
  }

  get size(): number {
    return this.entries.length
  }

  at(position: number): IndexEntry {
    return this.entries[position]
  }

  /** Compares on the index keys only (0 = a tie that `order()` would leave in dataset order). */
  compareKeys(a: IndexEntry, b: IndexEntry): number {
    for (const {field, desc} of this.keys) {
      const c = compareSortValues(a.stored.sortValue(field), b.stored.sortValue(field))
      if (c !== 0) return desc ? -c : c
    }
    return 0
  }

  /** The first position in [0, size) for which `after` holds, given it holds for a suffix of the index. */
  firstWhere(after: (entry: IndexEntry) => boolean): number {
    let low = 0
    let high = this.entries.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (after(this.entries[middle])) high = middle
      else low = middle + 1
    }
    return low
  }

  add(entry: IndexEntry): void {
    this.entries.splice(this.position(entry), 0, entry)
  }

  /** Removes an entry that was indexed while it held `stored` (its sort values then decide its position). */
  delete(entry: IndexEntry, stored: StoredDocument): void {
    const at = this.position({seq: entry.seq, stored})
    if (this.entries[at] === entry) this.entries.splice(at, 1)
    else {
      const index = this.entries.indexOf(entry)
      if (index >= 0) this.entries.splice(index, 1)
    }
  }

  private compare(a: IndexEntry, b: IndexEntry): number {
    return this.compareKeys(a, b) || a.seq - b.seq
  }

  private position(entry: IndexEntry): number {
    let low = 0
    let high = this.entries.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.compare(this.entries[middle], entry) < 0) low = middle + 1
      else high = middle
    }
    return low
  }
}
