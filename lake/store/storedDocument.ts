/**
 * One stored document, kept compact: a document loaded from the dataset file is its byte range there (read with a
 * positional read from the open file, see `datasetSource.ts`), parsed (and frozen) only when a query reads it.
 * What the indexes need (`_id`, `_type`, slug, references, the fields queries sort by, `_rev`) is kept as
 * `DocumentKeys`, taken from the key index file beside the dataset (`keyIndexFile.ts`) or, when that cannot be
 * trusted, from one parse of the line at load. Documents written through the log are kept parsed.
 */
import type {Doc} from '../types'
import {collectReferences, fieldReferences, KEY_SEPARATOR, slugOf} from './documentKeys'
import type {SegmentRows} from './keyIndexSegment'
import {topLevelFieldRanges, type FieldRequest} from './topLevelFields'

/** Top-level fields (and `slug.current`) whose values are kept for ordered indexes: what the queries sort by. */
export const ORDERED_FIELDS = ['_id', '_type', '_updatedAt', '_createdAt', 'publishedAt', 'updatedAt', 'name', 'title', 'slug.current'] as const
export type OrderedField = (typeof ORDERED_FIELDS)[number]

/** A sort value as GROQ orders it: a number, string or boolean; anything else (missing, null, object, array) is `null`. */
export type SortValue = number | string | boolean | null

const sortValue = (value: unknown): SortValue =>
  typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null

/** Whole documents parsed from the file since the process started (tests count them: a sitemap page parses none). */
export const parseStats = {documents: 0}

/**
 * Parsed documents kept for re-reads. A document enters only on its second parse: the first read of a document is
 * only remembered as seen (the stored document is alive anyway), so what one-shot readers parse (a page's
 * articles, a scan) dies young, while what pages keep dereferencing (sections, authors, companies, regulations)
 * is parsed twice and then kept. Keeping every first read (20,000 documents) made the cache the old generation's
 * main tenant: regulationBySlug spent ~1.1 s in GC pauses per 300 runs at 100k articles, and those were its p95.
 */
const SEEN_LIMIT = 100_000
const KEPT_LIMIT = 5_000

export class ParsedCache {
  private readonly seen = new Set<StoredDocument>()
  private readonly kept = new Map<StoredDocument, Doc>()
  get(stored: StoredDocument): Doc | undefined {
    return this.kept.get(stored)
  }
  set(stored: StoredDocument, doc: Doc): void {
    if (!this.seen.has(stored)) {
      if (this.seen.size >= SEEN_LIMIT) this.seen.clear()
      this.seen.add(stored)
      return
    }
    if (this.kept.size >= KEPT_LIMIT) this.kept.delete(this.kept.keys().next().value!)
    this.kept.set(stored, doc)
  }
}

/** What a stored document keeps besides its bytes: the keys indexes and catch-up need. */
export interface DocumentKeys {
  id: string
  type: string | undefined
  slug: string | undefined
  rev: string | undefined
  references: string[]
  fieldRefs: string[]
  /** Values of ORDERED_FIELDS, in that order. */
  sortValues: SortValue[]
  hasOwnScore: boolean
  /** Whether any index key contains KEY_SEPARATOR (per-row lookups then fall back to every document). */
  hasSeparatorKey: boolean
}

/** Where a file-backed document's bytes are: `source.read(start, end)` is its line (possibly with surrounding blanks). */
export interface DocumentSource {
  readonly cache: ParsedCache
  readonly where: string
  read(start: number, end: number): string
  bytes(start: number, end: number): Buffer
  /** The same bytes in a buffer the next call reuses. */
  peek(start: number, end: number): Buffer
}

/**
 * One copy of each repeated key string (types, referenced ids, dates): a hundred thousand articles reference a
 * few thousand documents, and JSON.parse gives every occurrence its own string. Titles, slugs and ids are unique
 * per document and not worth a lookup.
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
/** Sort fields whose values repeat across documents (an import stamps a whole batch with one time). */
const INTERNED_SORT_FIELDS = new Set<OrderedField>(['_type', '_createdAt', '_updatedAt'])

const noInterning = (value: string): string => value

/**
 * The keys of a parsed document (the one parse a line gets when no key index file can be trusted). A scan worker
 * passes `intern: false`: its keys go into a key index segment, whose string table shares repeats anyway.
 */
export function keysOfDocument(parsed: Doc, {intern: shareStrings = true}: {intern?: boolean} = {}): DocumentKeys {
  const share = shareStrings ? intern : noInterning
  const slug = slugOf(parsed)
  const sortValues: SortValue[] = new Array(ORDERED_FIELDS.length)
  for (let i = 0; i < ORDERED_FIELDS.length; i++) {
    const field = ORDERED_FIELDS[i]
    const value = field === 'slug.current' ? (slug ?? sortValue((parsed.slug as {current?: unknown} | undefined)?.current)) : sortValue(parsed[field])
    sortValues[i] = typeof value === 'string' && INTERNED_SORT_FIELDS.has(field) ? share(value) : value
  }
  return withSeparatorFlag({
    id: parsed._id,
    type: typeof parsed._type === 'string' ? share(parsed._type) : undefined,
    slug,
    rev: typeof parsed._rev === 'string' ? parsed._rev : undefined,
    references: Array.from(collectReferences(parsed), share),
    fieldRefs: fieldReferences(parsed).map(share),
    sortValues,
    hasOwnScore: typeof parsed._score === 'number',
    hasSeparatorKey: false,
  })
}

/**
 * Keys gathered without a parsed document (`lineKeyScanner.ts` reads them from a line's bytes): the same object
 * keysOfDocument builds from the same values, strings not interned (a scan worker's keys go into a segment).
 */
export function keysFromParts(parts: Omit<DocumentKeys, 'hasSeparatorKey'>): DocumentKeys {
  const {id, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore} = parts
  return withSeparatorFlag({id, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore, hasSeparatorKey: false})
}

function withSeparatorFlag(keys: DocumentKeys): DocumentKeys {
  keys.hasSeparatorKey = hasSeparator(keys)
  return keys
}

export class StoredDocument {
  readonly id: string
  /** Whether any index key contains KEY_SEPARATOR (per-row lookups then fall back to every document). */
  readonly hasSeparatorKey: boolean
  /** The keys as objects (a line parsed on this thread, a write, an overlay); else they are read from `rows`. */
  private readonly heldKeys: DocumentKeys | undefined
  /** The key index segment rows this document's keys are read from (a document loaded from the index or a worker). */
  private readonly rows: SegmentRows | undefined
  private readonly row: number
  private referenceList: string[] | undefined
  private fieldRefList: string[] | undefined

  private constructor(
    keys: DocumentKeys | {id: string; hasSeparatorKey: boolean; rows: SegmentRows; row: number},
    private source: DocumentSource | undefined,
    private start: number,
    private end: number,
    private held: Doc | undefined,
    /** Makes the document on first read (a draft shown under its published id: parsed only when read). */
    private readonly make?: () => Doc,
  ) {
    this.id = keys.id
    this.hasSeparatorKey = keys.hasSeparatorKey
    if ('rows' in keys) {
      this.rows = keys.rows
      this.row = keys.row
    } else {
      this.heldKeys = keys
      this.row = 0
    }
  }

  get type(): string | undefined {
    return this.heldKeys ? this.heldKeys.type : this.rows!.type(this.row)
  }
  get slug(): string | undefined {
    return this.heldKeys ? this.heldKeys.slug : this.rows!.slug(this.row)
  }
  get rev(): string | undefined {
    return this.heldKeys ? this.heldKeys.rev : this.rows!.rev(this.row)
  }
  /** A top-level `_score` number changes what `score()` computes; the search planner steps aside then. */
  get hasOwnScore(): boolean {
    return this.heldKeys ? this.heldKeys.hasOwnScore : this.rows!.hasOwnScore(this.row)
  }
  get references(): string[] {
    return this.heldKeys ? this.heldKeys.references : (this.referenceList ??= this.rows!.references(this.row))
  }
  get fieldRefs(): string[] {
    return this.heldKeys ? this.heldKeys.fieldRefs : (this.fieldRefList ??= this.rows!.fieldRefs(this.row))
  }
  /** Values of ORDERED_FIELDS, in that order (a new array for a row-backed document: prefer `sortValue`). */
  get sortValues(): SortValue[] {
    return this.heldKeys ? this.heldKeys.sortValues : this.rows!.sortValues(this.row)
  }
  /** The key index segment rows this document's keys are read from, if any (lookup indexes read positions there). */
  get segmentRows(): SegmentRows | undefined {
    return this.heldKeys ? undefined : this.rows
  }
  get segmentRow(): number {
    return this.row
  }
  /** Index keys as lists (one shared list per type). */
  get typeKeys(): readonly string[] {
    const type = this.type
    return type === undefined ? NO_KEYS : typeKeysOf(type)
  }

  /** A document read from `source` bytes [start, end); `parsed` is that line parsed once, used for the keys only. */
  static fromLine(parsed: Doc, source: DocumentSource, start: number, end: number): StoredDocument {
    return new StoredDocument(keysOfDocument(parsed), source, start, end, undefined)
  }

  /** A document at `source` bytes [start, end) whose keys are there as objects (nothing parsed). */
  static fromKeys(keys: DocumentKeys, source: DocumentSource, start: number, end: number): StoredDocument {
    return new StoredDocument(keys, source, start, end, undefined)
  }

  /** A document at `source` bytes [start, end) whose keys are row `row` of a key index segment (checked already). */
  static fromRow(id: string, rows: SegmentRows, row: number, hasSeparatorKey: boolean, source: DocumentSource, start: number, end: number): StoredDocument {
    return new StoredDocument({id, hasSeparatorKey, rows, row}, source, start, end, undefined)
  }

  /** A document held as a (frozen) object: written through the log. */
  static fromObject(doc: Doc): StoredDocument {
    return new StoredDocument(keysOfDocument(doc), undefined, 0, 0, doc)
  }

  /**
   * `draft` as the drafts perspective shows it: `{...draft, _id: publishedId, _originalId: draft._id}`. Its keys
   * are the draft's with the id replaced (`_originalId` is a plain string: no reference, no sort field), so the
   * draft is parsed only when a query reads the overlay.
   */
  static draftOverlay(draft: StoredDocument, publishedId: string): StoredDocument {
    const sortValues = draft.sortValues.slice()
    sortValues[ORDERED_FIELD_INDEX._id] = publishedId
    const {type, slug, rev, references, fieldRefs, hasOwnScore} = draft
    const keys = withSeparatorFlag({id: publishedId, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore, hasSeparatorKey: false})
    const make = () => {
      const doc = draft.doc()
      return Object.freeze({...doc, _id: publishedId, _originalId: doc._id})
    }
    return new StoredDocument(keys, undefined, 0, 0, undefined, make)
  }

  /** The data file this document's line is read from (undefined when held or a draft overlay): text postings name lines by it. */
  get fileSource(): DocumentSource | undefined {
    return this.source
  }

  /** Where that line starts in it. */
  get fileStart(): number {
    return this.start
  }

  get slugKeys(): readonly string[] {
    return this.slug === undefined ? NO_KEYS : [this.slug]
  }

  /** The keys, as the key index file stores them. */
  keys(): DocumentKeys {
    if (this.heldKeys) return this.heldKeys
    const {id, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore, hasSeparatorKey} = this
    return {id, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore, hasSeparatorKey}
  }

  /**
   * The same bytes now live at [start, end) of another file (compaction wrote them there): read from it from now
   * on, so the old file can be released. Parsed results are equal either way.
   */
  relocate(source: DocumentSource, start: number, end: number): void {
    if (this.held || this.make) return
    this.source = source
    this.start = start
    this.end = end
  }

  /** The document, parsed and frozen on first read (and re-parsed if the bounded cache let it go). */
  doc(): Doc {
    if (this.held) return this.held
    if (this.make) return (this.held = this.make())
    const source = this.source!
    const cached = source.cache.get(this)
    if (cached) return cached
    parseStats.documents++
    const doc = JSON.parse(source.read(this.start, this.end)) as Doc
    // The key index said this document is here; if the file says otherwise it changed behind the lake's back.
    if (doc?._id !== this.id) {
      throw new Error(`${source.where}: document ${JSON.stringify(this.id)} is no longer at byte ${this.start}: the file changed outside the lake; open it again`)
    }
    deepFreeze(doc)
    source.cache.set(this, doc)
    return doc
  }

  /**
   * An object with the top-level fields `request` names, as the document has them (absent ones absent): the parsed
   * document when it is at hand, else only those fields parsed out of the line (`topLevelFields.ts`), frozen and not
   * cached. A reader of a few fields of many documents (a sitemap page) then parses no whole document.
   */
  fields(request: FieldRequest): Doc {
    if (this.held || this.make) return this.doc()
    const source = this.source!
    const cached = source.cache.get(this)
    if (cached) return cached
    const bytes = source.peek(this.start, this.end)
    const ranges = topLevelFieldRanges(bytes, request.encoded)
    if (!ranges) return this.doc()
    const partial: Record<string, unknown> = {}
    for (let n = 0; n < request.names.length; n++) {
      if (ranges[2 * n] >= 0) partial[request.names[n]] = JSON.parse(bytes.toString('utf8', ranges[2 * n], ranges[2 * n + 1]))
    }
    if (partial._id !== this.id) {
      throw new Error(`${source.where}: document ${JSON.stringify(this.id)} is no longer at byte ${this.start}: the file changed outside the lake; open it again`)
    }
    // The kept top-level fields were looked for too: when each one kept as null is absent or null in the line
    // (not an object or array), the kept nulls are answers, and later readers need not read the line again.
    let keptNullsAreNull = true
    for (let k = 0; k < KEPT_TOP_LEVEL.length && keptNullsAreNull; k++) {
      const at = ranges[2 * (request.names.length + k)]
      if (at >= 0 && bytes[at] !== NULL_BYTE && this.sortValue(KEPT_TOP_LEVEL[k]) === null) keptNullsAreNull = false
    }
    this.keptNullsAreNull = keptNullsAreNull
    return deepFreeze(partial) as Doc
  }

  /** Whether each kept top-level sort value that is null means null or missing (not an object or array): known once the line was read. */
  keptNullsAreNull = false

  /** The document as one NDJSON line (without the newline), without parsing when it came from the file. */
  json(): string {
    return this.source ? this.source.read(this.start, this.end).trim() : JSON.stringify(this.doc())
  }

  /** The same as UTF-8 bytes: a file-backed line is copied as it is, without decoding. */
  lineBytes(): Buffer {
    return this.source ? trimBytes(this.source.bytes(this.start, this.end)) : Buffer.from(JSON.stringify(this.doc()))
  }

  sortValue(field: OrderedField): SortValue {
    return this.heldKeys ? this.heldKeys.sortValues[ORDERED_FIELD_INDEX[field]] : this.rows!.sortValue(this.row, ORDERED_FIELD_INDEX[field])
  }
}

const isBlank = (byte: number): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a

/** Whitespace trimmed off both ends, as `String.prototype.trim` does for the ASCII blanks JSON allows. */
function trimBytes(bytes: Buffer): Buffer {
  let start = 0
  let end = bytes.length
  while (start < end && isBlank(bytes[start])) start++
  while (end > start && isBlank(bytes[end - 1])) end--
  return start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end)
}

function hasSeparator(keys: DocumentKeys): boolean {
  if (keys.id.includes(KEY_SEPARATOR) || keys.type?.includes(KEY_SEPARATOR) || keys.slug?.includes(KEY_SEPARATOR)) return true
  for (const key of keys.references) if (key.includes(KEY_SEPARATOR)) return true
  for (const key of keys.fieldRefs) if (key.includes(KEY_SEPARATOR)) return true
  return false
}

const NO_KEYS: readonly string[] = []
/** One shared key list per type: there are a few types and a hundred thousand documents. */
const typeKeyLists = new Map<string, readonly string[]>()
function typeKeysOf(type: string): readonly string[] {
  let keys = typeKeyLists.get(type)
  if (!keys) {
    if (typeKeyLists.size > 10_000) typeKeyLists.clear()
    typeKeyLists.set(type, (keys = Object.freeze([type])))
  }
  return keys
}
/** The kept sort fields that are top-level fields (`slug.current` is not): `fields` checks what their nulls mean. */
export const KEPT_TOP_LEVEL = ORDERED_FIELDS.filter((field) => !field.includes('.'))
const NULL_BYTE = 0x6e
const ORDERED_FIELD_INDEX = Object.fromEntries(ORDERED_FIELDS.map((field, index) => [field, index])) as Record<OrderedField, number>

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
