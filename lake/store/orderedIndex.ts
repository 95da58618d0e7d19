/**
 * An ordered index: the documents of one view (optionally of one `_type`) sorted by a list of fields with
 * directions, exactly as GROQ's `order()` would sort them, ties broken by dataset sequence. Built on first use
 * from the sort values kept per document (no parsing), then kept sorted on every write by binary search.
 * A key may also be an expression the query planner defines (`coalesce(adoptedAt, effectiveAt)`): its value is
 * computed once per stored document (which never changes: a write stores a new one) and remembered.
 */
import {compareSortValues} from './groqOrder'
import {ORDERED_FIELDS, type OrderedField, type SortValue} from './indexKeys'
import type {StoredDocument} from './storedDocument'

export interface IndexEntry {
  seq: number
  stored: StoredDocument
}

export interface OrderKey {
  /** A kept sort field, or the name of an expression key (`defineExpressionKey`). */
  field: OrderedField | string
  desc: boolean
}

const compareStrings = (a: SortValue, b: SortValue): number => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0)

type SortValueReader = (stored: StoredDocument) => SortValue
const expressionKeys = new Map<string, SortValueReader>()
const KEPT = new Set<string>(ORDERED_FIELDS)

/**
 * Makes `name` usable as an order key: `value` gives a document's sort value exactly as groq-js's `order()`
 * would compare it (numbers, strings, booleans; `null` for anything else). Names must be unique per expression.
 */
export function defineExpressionKey(name: string, value: SortValueReader): void {
  if (KEPT.has(name)) throw new Error(`orderedIndex: "${name}" is a kept sort field, not an expression key`)
  if (expressionKeys.has(name)) return
  const memo = new WeakMap<StoredDocument, SortValue>()
  expressionKeys.set(name, (stored) => {
    let result = memo.get(stored)
    if (result === undefined) memo.set(stored, (result = value(stored)))
    return result
  })
}

/** How to read a key's sort value from a stored document. */
export function sortValueReader(field: string): SortValueReader {
  if (KEPT.has(field)) return (stored) => stored.sortValue(field as OrderedField)
  const reader = expressionKeys.get(field)
  if (!reader) throw new Error(`orderedIndex: unknown order key "${field}"`)
  return reader
}

export class OrderedIndex {
  private entries: IndexEntry[]
  private readonly readers: SortValueReader[]

  constructor(
    readonly keys: OrderKey[],
    members: Iterable<IndexEntry>,
  ) {
    this.readers = keys.map((key) => sortValueReader(key.field))
    this.entries = this.sorted([...members])
  }

  /**
   * `entries` in index order. Each entry's sort values are read once, before sorting (reading them from a key
   * index row in every comparison made the 138k-document `_id` index of a first sitemap page cost ~0.2 s).
   */
  private sorted(entries: IndexEntry[]): IndexEntry[] {
    const columns = this.readers.map((read) => entries.map((entry) => read(entry.stored)))
    const signs = this.keys.map((key) => (key.desc ? -1 : 1))
    // A column of strings only (ids, slugs, dates: the usual case) compares by code units without ranking types.
    const compares = columns.map((column) => (column.every((value) => typeof value === 'string') ? compareStrings : compareSortValues))
    const order = Array.from({length: entries.length}, (_, i) => i)
    order.sort((a, b) => {
      for (let k = 0; k < columns.length; k++) {
        const c = compares[k](columns[k][a], columns[k][b])
        if (c !== 0) return signs[k] * c
      }
      return entries[a].seq - entries[b].seq
    })
    return order.map((i) => entries[i])
  }

  get size(): number {
    return this.entries.length
  }

  at(position: number): IndexEntry {
    return this.entries[position]
  }

  /** Compares on the index keys only (0 = a tie that `order()` would leave in dataset order). */
  compareKeys(a: IndexEntry, b: IndexEntry): number {
    for (let i = 0; i < this.keys.length; i++) {
      const read = this.readers[i]
      const c = compareSortValues(read(a.stored), read(b.stored))
      if (c !== 0) return this.keys[i].desc ? -c : c
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
