/**
 * One stored document, kept compact: the dataset file stays in memory as one Buffer (outside the JS heap) and a
 * document loaded from it is its byte range there, parsed (and frozen) only when a query reads it. What the
 * indexes need (`_id`, `_type`, slug, references, the fields queries sort by, `_rev`) is taken from the single
 * parse at load time and kept; the parsed object is dropped. Documents written through the log are kept parsed.
 */
import type {Doc} from '../types'
import {collectReferences, fieldReferences, KEY_SEPARATOR, slugOf} from './documentKeys'

/** Top-level fields (and `slug.current`) whose values are kept for ordered indexes: what the queries sort by. */
export const ORDERED_FIELDS = ['_id', '_type', '_updatedAt', '_createdAt', 'publishedAt', 'updatedAt', 'name', 'title', 'slug.current'] as const
export type OrderedField = (typeof ORDERED_FIELDS)[number]

/** A sort value as GROQ orders it: a number, string or boolean; anything else (missing, null, object, array) is `null`. */
export type SortValue = number | string | boolean | null

const sortValue = (value: unknown): SortValue =>
  typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null

/** Parsed documents kept for re-reads; bounded so that a scan of a large dataset does not keep it all. */
const PARSED_CACHE_LIMIT = 20_000

export class ParsedCache {
  private readonly docs = new Map<StoredDocument, Doc>()
  get(stored: StoredDocument): Doc | undefined {
    return this.docs.get(stored)
  }
  set(stored: StoredDocument, doc: Doc): void {
    if (this.docs.size >= PARSED_CACHE_LIMIT) this.docs.delete(this.docs.keys().next().value!)
    this.docs.set(stored, doc)
  }
}

export interface DocumentSource {
  buffer: Buffer
  cache: ParsedCache
}

/**
 * One copy of each repeated key string (types, referenced ids, dates): a hundred thousand articles reference a
 * few thousand documents, and JSON.parse gives every occurrence its own string.
 */
const interned = new Map<string, string>()
const INTERN_LIMIT = 1_000_000
function intern(value: string): string {
  const known = interned.get(value)
  if (known !== undefined) return known
  if (interned.size >= INTERN_LIMIT) interned.clear()
  interned.set(value, value)
  return value
}
const internValue = <T,>(value: T): T => (typeof value === 'string' ? (intern(value) as T) : value)

export class StoredDocument {
  readonly type: string | undefined
  readonly slug: string | undefined
  readonly rev: string | undefined
  readonly references: string[]
  readonly fieldRefs: string[]
  /** Index keys as lists (kept, not rebuilt per view). */
  readonly typeKeys: readonly string[]
  readonly slugKeys: readonly string[]
  /** Whether any index key contains KEY_SEPARATOR (per-row lookups then fall back to every document). */
  readonly hasSeparatorKey: boolean
  /** Values of ORDERED_FIELDS, in that order. */
  readonly sortValues: SortValue[]
  /** A top-level `_score` number changes what `score()` computes; the search planner steps aside then. */
  readonly hasOwnScore: boolean

  private constructor(
    readonly id: string,
    parsed: Doc,
    private readonly source: DocumentSource | undefined,
    private readonly start: number,
    private readonly end: number,
    private readonly held: Doc | undefined,
  ) {
    this.type = typeof parsed._type === 'string' ? intern(parsed._type) : undefined
    this.slug = slugOf(parsed)
    this.rev = typeof parsed._rev === 'string' ? parsed._rev : undefined
    this.references = Array.from(collectReferences(parsed), intern)
    this.fieldRefs = fieldReferences(parsed).map(intern)
    this.typeKeys = this.type === undefined ? NO_KEYS : [this.type]
    this.slugKeys = this.slug === undefined ? NO_KEYS : [this.slug]
    this.sortValues = ORDERED_FIELDS.map((field) =>
      internValue(field === 'slug.current' ? (this.slug ?? sortValue((parsed.slug as {current?: unknown} | undefined)?.current)) : sortValue(parsed[field])),
    )
    this.hasOwnScore = typeof parsed._score === 'number'
    this.hasSeparatorKey = [id, ...this.typeKeys, ...this.slugKeys, ...this.references, ...this.fieldRefs].some((key) => key.includes(KEY_SEPARATOR))
  }

  /** A document read from `source.buffer[start, end)`; `parsed` is that line parsed once, used for the keys only. */
  static fromLine(parsed: Doc, source: DocumentSource, start: number, end: number): StoredDocument {
    return new StoredDocument(parsed._id, parsed, source, start, end, undefined)
  }

  /** A document held as a (frozen) object: written through the log, or a draft shown under its published id. */
  static fromObject(doc: Doc): StoredDocument {
    return new StoredDocument(doc._id, doc, undefined, 0, 0, doc)
  }

  /** The document, parsed and frozen on first read (and re-parsed if the bounded cache let it go). */
  doc(): Doc {
    if (this.held) return this.held
    const source = this.source!
    const cached = source.cache.get(this)
    if (cached) return cached
    const doc = deepFreeze(JSON.parse(source.buffer.toString('utf8', this.start, this.end)) as Doc)
    source.cache.set(this, doc)
    return doc
  }

  /** The document as one NDJSON line (without the newline), without parsing when it came from the file. */
  json(): string {
    return this.held ? JSON.stringify(this.held) : this.source!.buffer.toString("utf8", this.start, this.end).trim()
  }

  sortValue(field: OrderedField): SortValue {
    return this.sortValues[ORDERED_FIELD_INDEX[field]]
  }
}

const NO_KEYS: readonly string[] = []
const ORDERED_FIELD_INDEX = Object.fromEntries(ORDERED_FIELDS.map((field, index) => [field, index])) as Record<OrderedField, number>

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
