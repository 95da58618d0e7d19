/**
 * One perspective's view of the dataset with its indexes: by `_id`, `_type`, `slug.current`, reverse references
 * and top-level field references (kept from load), plus ordered indexes (`orderedIndex.ts`) and text indexes
 * (`textIndex.ts`) built on first use and maintained on every write after that. Candidates always come back in
 * dataset order (each entry keeps the sequence number it was first stored under), because groq-js returns
 * unordered results in dataset order and the store must answer the same.
 */
import {LookupBase, LookupIndex, type IndexName} from './keyLookup'
import {OrderedIndex, type IndexEntry, type OrderKey} from './orderedIndex'
import {StoredDocument} from './storedDocument'
import {TextIndex} from './textIndex'
import {stillAttached, textLinesOf, type TextLines} from './textLines'
import type {Doc} from '../types'

export type {IndexEntry, OrderKey} from './orderedIndex'
export type {IndexName} from './keyLookup'

const hasSeparator = (stored: StoredDocument): boolean => stored.hasSeparatorKey

export class DocumentIndex {
  private readonly byKey = new Map<string, IndexEntry>()
  /** The entries the lookup indexes were first built over (`keyLookup.ts`); undefined until the first lookup. */
  private lookupBase: LookupBase | undefined
  /** Each lookup index, built on its first use: a perspective or index nobody queries costs nothing. */
  private readonly lookups = new Map<IndexName, LookupIndex>()
  private lookupIndex(name: IndexName): LookupIndex {
    let index = this.lookups.get(name)
    if (!index) this.lookups.set(name, (index = new LookupIndex(name, (this.lookupBase ??= new LookupBase(this.byKey.values())))))
    return index
  }
  private readonly ordered = new Map<string, OrderedIndex>()
  private readonly texts = new Map<string, TextIndex>()
  /** Which entry shows which data file line, for the text indexes of persisted fields: until the next change. */
  private textLines: TextLines | undefined
  private seq = 0
  private allCache: Doc[] | null = null
  /** Entries with an index key containing KEY_SEPARATOR: per-row lookups cannot split their keys safely. */
  private separatorKeys = 0

  get size(): number {
    return this.byKey.size
  }

  get(id: string): Doc | undefined {
    return this.byKey.get(id)?.stored.doc()
  }

  stored(id: string): StoredDocument | undefined {
    return this.byKey.get(id)?.stored
  }

  /** Every entry in dataset order. */
  entries(): IterableIterator<IndexEntry> {
    return this.byKey.values()
  }

  /** Every document in dataset order (parses every document: a scan; cached until the next change). */
  documents(): Doc[] {
    return (this.allCache ??= Array.from(this.byKey.values(), (entry) => entry.stored.doc()))
  }

  put(id: string, value: StoredDocument | Doc | null): void {
    const stored = value === null || value instanceof StoredDocument ? value : StoredDocument.fromObject(value)
    const existing = this.byKey.get(id)
    this.allCache = null
    this.textLines = undefined
    if (existing) {
      const before = existing.stored
      if (stored) existing.stored = stored
      else this.byKey.delete(id)
      this.reindex(existing, before, stored ?? undefined)
    } else if (stored) {
      const entry = {seq: ++this.seq, stored}
      this.byKey.set(id, entry)
      this.reindex(entry, undefined, stored)
    }
  }

  /**
   * Loading: adds a document under a new id at the end, without the bookkeeping `put` does for indexes (none exist
   * yet on a fresh view). False, and nothing changed, when the id is already present.
   */
  append(id: string, stored: StoredDocument): boolean {
    if (this.lookupBase || this.ordered.size > 0 || this.texts.size > 0) throw new Error('append is for loading a fresh view')
    if (this.byKey.has(id)) return false
    this.byKey.set(id, {seq: ++this.seq, stored})
    if (stored.hasSeparatorKey) this.separatorKeys++
    this.allCache = null
    this.textLines = undefined
    return true
  }

  byIds(ids: string[]): Doc[] {
    const entries = new Set<IndexEntry>()
    for (const id of ids) {
      const entry = this.byKey.get(id)
      if (entry) entries.add(entry)
    }
    return inOrder(entries).map((entry) => entry.stored.doc())
  }

  lookup(index: IndexName, keys: string[]): Doc[] {
    return this.lookupEntries(index, keys).map((entry) => entry.stored.doc())
  }

  /** The entries under any of `keys`, in dataset order. */
  lookupEntries(index: IndexName | 'id', keys: string[]): IndexEntry[] {
    const entries = new Set<IndexEntry>()
    if (index === 'id') {
      for (const id of keys) {
        const entry = this.byKey.get(id)
        if (entry) entries.add(entry)
      }
      return inOrder(entries)
    }
    const lookup = this.lookupIndex(index)
    if (keys.length === 1) return lookup.entries(keys[0])
    for (const key of new Set(keys)) for (const entry of lookup.entries(key)) entries.add(entry)
    return inOrder(entries)
  }

  /** Whether an entry is under one of `keys` (a membership test during an ordered walk). */
  has(index: IndexName | 'id', keys: string[], entry: IndexEntry): boolean {
    if (index === 'id') return keys.includes(entry.stored.id)
    const lookup = this.lookupIndex(index)
    return keys.some((key) => lookup.has(key, entry))
  }

  /** Candidates for a per-row lookup; the whole view when a stored key could be confused by the key encoding. */
  dynamicLookup(index: IndexName | 'id', keys: string[]): Doc[] {
    if (this.separatorKeys > 0) return this.documents()
    return index === 'id' ? this.byIds(keys) : this.lookup(index, keys)
  }

  /** Cheap size estimate used to pick the most selective index. */
  count(index: IndexName | 'id', keys: string[]): number {
    if (index === 'id') return keys.length
    let total = 0
    const lookup = this.lookupIndex(index)
    for (const key of new Set(keys)) total += lookup.count(key)
    return total
  }

  /** The ordered index on `keys` over the documents of `type` (every document when undefined), built on first use. */
  orderedIndex(keys: OrderKey[], type: string | undefined): OrderedIndex {
    const name = `${type ?? '*'}|${keys.map((key) => `${key.field} ${key.desc ? 'desc' : 'asc'}`).join(',')}`
    let index = this.ordered.get(name)
    if (!index) {
      const members = type === undefined ? this.byKey.values() : this.lookupEntries('type', [type])
      this.ordered.set(name, (index = new OrderedIndex(keys, members)))
      this.orderedTypes.set(index, type)
    }
    return index
  }
  private readonly orderedTypes = new Map<OrderedIndex, string | undefined>()

  /** The text index of a top-level field, built on first use (from the data file's text postings, else by parsing every document once). */
  textIndex(field: string): TextIndex {
    let index = this.texts.get(field)
    if (index) return index
    const lines = () => (this.textLines = this.textLines && stillAttached(this.textLines) ? this.textLines : textLinesOf(this.byKey.values()))
    this.texts.set(field, (index = TextIndex.build(field, this.byKey.values(), lines)))
    return index
  }

  /** Updates the lookup indexes (an entry the base described leaves it for the buckets), then the others. */
  private reindex(entry: IndexEntry, before: StoredDocument | undefined, after: StoredDocument | undefined): void {
    if (before && hasSeparator(before)) this.separatorKeys--
    if (after && hasSeparator(after)) this.separatorKeys++
    if (this.lookupBase) {
      const wasBase = this.lookupBase.changed(entry, after !== undefined)
      for (const lookup of this.lookups.values()) lookup.update(entry, wasBase ? undefined : before, after)
    }
    for (const [index, type] of this.orderedTypes) {
      if (before && (type === undefined || type === before.type)) index.delete(entry, before)
      if (after && (type === undefined || type === after.type)) index.add(entry)
    }
    for (const index of this.texts.values()) {
      if (before) index.remove(entry, before)
      if (after) index.insert(entry, after)
    }
  }
}

function inOrder(entries: Iterable<IndexEntry>): IndexEntry[] {
  return [...entries].sort((a, b) => a.seq - b.seq)
}
