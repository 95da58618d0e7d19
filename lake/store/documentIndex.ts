/**
 * One perspective's view of the dataset with its indexes: by `_id`, `_type`, `slug.current`, reverse references
 * and top-level field references (kept from load), plus ordered indexes (`orderedIndex.ts`) and text indexes
 * (`textIndex.ts`) built on first use and maintained on every write after that. Candidates always come back in
 * dataset order (each entry keeps the sequence number it was first stored under), because groq-js returns
 * unordered results in dataset order and the store must answer the same.
 */
import {OrderedIndex, type IndexEntry, type OrderKey} from './orderedIndex'
import {StoredDocument} from './storedDocument'
import {TextIndex} from './textIndex'
import type {Doc} from '../types'

export type {IndexEntry, OrderKey} from './orderedIndex'
export type IndexName = 'type' | 'slug' | 'references' | 'fieldRef'
const INDEX_NAMES: IndexName[] = ['type', 'slug', 'references', 'fieldRef']

const keysOf = (stored: StoredDocument, name: IndexName): readonly string[] => {
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
const NONE: readonly string[] = []

const hasSeparator = (stored: StoredDocument): boolean => stored.hasSeparatorKey

export class DocumentIndex {
  private readonly byKey = new Map<string, IndexEntry>()
  /** Key buckets, built on this view's first lookup: a perspective nobody queries costs no index. */
  private buckets: Record<IndexName, Map<string, Bucket>> | undefined
  private get indexes(): Record<IndexName, Map<string, Bucket>> {
    if (!this.buckets) {
      this.buckets = {type: new Map(), slug: new Map(), references: new Map(), fieldRef: new Map()}
      for (const entry of this.byKey.values()) this.addToBuckets(entry, entry.stored)
    }
    return this.buckets
  }
  private readonly ordered = new Map<string, OrderedIndex>()
  private readonly texts = new Map<string, TextIndex>()
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
    if (this.buckets || this.ordered.size > 0 || this.texts.size > 0) throw new Error('append is for loading a fresh view')
    if (this.byKey.has(id)) return false
    this.byKey.set(id, {seq: ++this.seq, stored})
    if (stored.hasSeparatorKey) this.separatorKeys++
    this.allCache = null
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
    const buckets = this.indexes[index]
    if (keys.length === 1) return buckets.get(keys[0])?.inOrder() ?? []
    for (const key of new Set(keys)) for (const entry of buckets.get(key) ?? []) entries.add(entry)
    return inOrder(entries)
  }

  /** Whether an entry is under one of `keys` (a membership test during an ordered walk). */
  has(index: IndexName | 'id', keys: string[], entry: IndexEntry): boolean {
    if (index === 'id') return keys.includes(entry.stored.id)
    const buckets = this.indexes[index]
    return keys.some((key) => buckets.get(key)?.has(entry) ?? false)
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
    for (const key of new Set(keys)) total += this.indexes[index].get(key)?.size ?? 0
    return total
  }

  /** The ordered index on `keys` over the documents of `type` (every document when undefined), built on first use. */
  orderedIndex(keys: OrderKey[], type: string | undefined): OrderedIndex {
    const name = `${type ?? '*'}|${keys.map((key) => `${key.field} ${key.desc ? 'desc' : 'asc'}`).join(',')}`
    let index = this.ordered.get(name)
    if (!index) {
      const members = type === undefined ? this.byKey.values() : (this.indexes.type.get(type) ?? [])
      this.ordered.set(name, (index = new OrderedIndex(keys, members)))
      this.orderedTypes.set(index, type)
    }
    return index
  }
  private readonly orderedTypes = new Map<OrderedIndex, string | undefined>()

  /** The text index of a top-level field, built on first use (from the data file's text postings, else by parsing every document once). */
  textIndex(field: string): TextIndex {
    let index = this.texts.get(field)
    if (!index) this.texts.set(field, (index = TextIndex.build(field, this.byKey.values())))
    return index
  }

  private addToBuckets(entry: IndexEntry, stored: StoredDocument): void {
    for (const name of INDEX_NAMES) {
      const buckets = this.buckets![name]
      for (const key of keysOf(stored, name)) {
        let bucket = buckets.get(key)
        if (!bucket) buckets.set(key, (bucket = new Bucket()))
        bucket.add(entry)
      }
    }
  }

  /** Moves the entry only between buckets whose membership changed, so unchanged buckets keep their order. */
  private reindex(entry: IndexEntry, before: StoredDocument | undefined, after: StoredDocument | undefined): void {
    if (before && hasSeparator(before)) this.separatorKeys--
    if (after && hasSeparator(after)) this.separatorKeys++
    for (const name of INDEX_NAMES) {
      if (!this.buckets) break
      const buckets = this.buckets[name]
      const was = before ? keysOf(before, name) : NONE
      const is = after ? keysOf(after, name) : NONE
      for (const key of was) {
        if (is.includes(key)) continue
        const bucket = buckets.get(key)
        if (!bucket) continue
        bucket.delete(entry)
        if (bucket.size === 0) buckets.delete(key)
      }
      for (const key of is) {
        if (was.includes(key)) continue
        let bucket = buckets.get(key)
        if (!bucket) buckets.set(key, (bucket = new Bucket()))
        bucket.add(entry)
      }
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

/** Entries sharing one index key; a Set keeps insertion order, which is dataset order until an entry re-enters. */
class Bucket extends Set<IndexEntry> {
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

function inOrder(entries: Iterable<IndexEntry>): IndexEntry[] {
  return [...entries].sort((a, b) => a.seq - b.seq)
}
