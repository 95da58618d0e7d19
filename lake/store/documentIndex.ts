/**
 * One perspective's view of the dataset with its indexes: by `_id`, `_type`, `slug.current` and reverse
 * references. Candidates always come back in dataset order (each entry keeps the sequence number it was first
 * stored under), because groq-js returns unordered results in dataset order and the store must answer the same.
 */
import {KEY_SEPARATOR, type DynamicIndex} from '../query/dynamicLookup'
import type {Doc} from '../types'

interface Entry {
  seq: number
  doc: Doc
}

/** Entries sharing one index key, kept in dataset order. */
class Bucket {
  private entries = new Set<Entry>()
  private maxSeq = 0
  private ordered = true
  private docsCache: Doc[] | null = null

  add(entry: Entry): void {
    if (entry.seq < this.maxSeq) this.ordered = false
    else this.maxSeq = entry.seq
    this.entries.add(entry)
    this.docsCache = null
  }

  delete(entry: Entry): void {
    this.entries.delete(entry)
    this.docsCache = null
  }

  changed(): void {
    this.docsCache = null
  }

  get size(): number {
    return this.entries.size
  }

  list(): Entry[] {
    if (!this.ordered) {
      this.entries = new Set([...this.entries].sort((a, b) => a.seq - b.seq))
      this.ordered = true
    }
    return [...this.entries]
  }

  docs(): Doc[] {
    return (this.docsCache ??= this.list().map((entry) => entry.doc))
  }
}

/** The `_ref` values groq-js's `references()` would find: an object with a truthy `_ref` is not searched further. */
export function collectReferences(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into)
  } else if (value && typeof value === 'object') {
    const ref = (value as {_ref?: unknown})._ref
    if (ref) {
      if (typeof ref === 'string') into.add(ref)
    } else {
      for (const item of Object.values(value)) collectReferences(item, into)
    }
  }
  return into
}

/** Joins a top-level field name and the `_ref` it holds: `section._ref == $id` looks up `section` + FIELD_REF_JOINER + id. */
export const FIELD_REF_JOINER = '\u0001'

/** Keys for `<field>._ref == x`: every top-level field holding an object (not an array) with a string `_ref`. */
function fieldReferences(doc: Doc): Set<string> {
  const keys = new Set<string>()
  for (const [name, value] of Object.entries(doc)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const ref = (value as {_ref?: unknown})._ref
      if (typeof ref === 'string') keys.add(name + FIELD_REF_JOINER + ref)
    }
  }
  return keys
}

function slugOf(doc: Doc): string | undefined {
  const slug = doc.slug
  if (!slug || typeof slug !== 'object' || Array.isArray(slug)) return undefined
  const current = (slug as {current?: unknown}).current
  return typeof current === 'string' ? current : undefined
}

type IndexName = 'type' | 'slug' | 'references' | 'fieldRef'

export class DocumentIndex {
  private readonly byKey = new Map<string, Entry>()
  private readonly indexes: Record<IndexName, Map<string, Bucket>> = {
    type: new Map(),
    slug: new Map(),
    references: new Map(),
    fieldRef: new Map(),
  }
  private seq = 0
  private allCache: Doc[] | null = null
  /** Entries with an index key containing KEY_SEPARATOR: per-row lookups cannot split their keys safely. */
  private separatorKeys = 0

  get size(): number {
    return this.byKey.size
  }

  get(id: string): Doc | undefined {
    return this.byKey.get(id)?.doc
  }

  /** Every document in dataset order (cached until the next change). */
  documents(): Doc[] {
    return (this.allCache ??= Array.from(this.byKey.values(), (entry) => entry.doc))
  }

  put(id: string, doc: Doc | null): void {
    const existing = this.byKey.get(id)
    this.allCache = null
    if (existing) {
      const before = this.keysOf(existing.doc)
      if (doc) existing.doc = doc
      else this.byKey.delete(id)
      this.reindex(existing, before, doc ? this.keysOf(doc) : undefined)
    } else if (doc) {
      const entry = {seq: ++this.seq, doc}
      this.byKey.set(id, entry)
      this.reindex(entry, undefined, this.keysOf(doc))
    }
  }

  byIds(ids: string[]): Doc[] {
    const entries = new Set<Entry>()
    for (const id of ids) {
      const entry = this.byKey.get(id)
      if (entry) entries.add(entry)
    }
    return inOrder(entries)
  }

  lookup(index: IndexName, keys: string[]): Doc[] {
    const buckets = this.indexes[index]
    if (keys.length === 1) return buckets.get(keys[0])?.docs() ?? []
    const entries = new Set<Entry>()
    for (const key of new Set(keys)) for (const entry of buckets.get(key)?.list() ?? []) entries.add(entry)
    return inOrder(entries)
  }

  /** Candidates for a per-row lookup; the whole view when a stored key could be confused by the key encoding. */
  dynamicLookup(index: DynamicIndex, keys: string[]): Doc[] {
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

  private keysOf(doc: Doc): KeySets {
    return keysOfDocument(doc)
  }

  /** Moves the entry only between buckets whose membership changed, so unchanged buckets keep their order. */
  private reindex(entry: Entry, before: KeySets | undefined, after: KeySets | undefined): void {
    if (before && hasSeparator(before)) this.separatorKeys--
    if (after && hasSeparator(after)) this.separatorKeys++
    for (const name of ['type', 'slug', 'references', 'fieldRef'] as const) {
      const buckets = this.indexes[name]
      const was = before?.[name] ?? EMPTY
      const is = after?.[name] ?? EMPTY
      for (const key of was) {
        const bucket = buckets.get(key)
        if (!bucket) continue
        if (is.has(key)) {
          bucket.changed()
        } else {
          bucket.delete(entry)
          if (bucket.size === 0) buckets.delete(key)
        }
      }
      for (const key of is) {
        if (was.has(key)) continue
        let bucket = buckets.get(key)
        if (!bucket) buckets.set(key, (bucket = new Bucket()))
        bucket.add(entry)
      }
    }
  }
}

type KeySets = Record<IndexName | 'id', Set<string>>

/** Stored documents are frozen, so their index keys never change: computed once, shared by every view. */
const keyCache = new WeakMap<Doc, KeySets>()

function keysOfDocument(doc: Doc): KeySets {
  let keys = keyCache.get(doc)
  if (!keys) {
    const slug = slugOf(doc)
    keys = {
      id: new Set([doc._id]),
      type: typeof doc._type === 'string' ? new Set([doc._type]) : EMPTY,
      slug: slug === undefined ? EMPTY : new Set([slug]),
      references: collectReferences(doc),
      fieldRef: fieldReferences(doc),
    }
    if (Object.isFrozen(doc)) keyCache.set(doc, keys)
  }
  return keys
}

function hasSeparator(keys: KeySets): boolean {
  for (const set of Object.values(keys)) for (const key of set) if (key.includes(KEY_SEPARATOR)) return true
  return false
}
const EMPTY: Set<string> = new Set()

function inOrder(entries: Set<Entry>): Doc[] {
  return [...entries].sort((a, b) => a.seq - b.seq).map((entry) => entry.doc)
}
