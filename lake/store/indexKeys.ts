/**
 * What a stored document keeps besides its bytes: the keys indexes and catch-up need (`DocumentKeys`), among them
 * the values of the fields queries sort by (`ORDERED_FIELDS`, so that sorting and range plans need no parse), built
 * from a parsed document (`keysOfDocument`) or from values a scan read off a line's bytes (`keysFromParts`). The key
 * index file and its segments store them in this order. What each key means for GROQ (which `_ref`s count, what
 * `slug.current` is) is `documentKeys.ts`.
 */
import type {Doc} from '../types'
import {collectReferences, fieldReferences, KEY_SEPARATOR, slugOf} from './documentKeys'

/** Top-level fields (and `slug.current`) whose values are kept for ordered indexes: what the queries sort by. */
export const ORDERED_FIELDS = ['_id', '_type', '_updatedAt', '_createdAt', 'publishedAt', 'updatedAt', 'name', 'title', 'slug.current'] as const
export type OrderedField = (typeof ORDERED_FIELDS)[number]

/** Where each ordered field's value is in a `sortValues` list. */
export const ORDERED_FIELD_INDEX = Object.fromEntries(ORDERED_FIELDS.map((field, index) => [field, index])) as Record<OrderedField, number>

/** The kept sort fields that are top-level fields (`slug.current` is not): `fields` checks what their nulls mean. */
export const KEPT_TOP_LEVEL = ORDERED_FIELDS.filter((field) => !field.includes('.'))

/** A sort value as GROQ orders it: a number, string or boolean; anything else (missing, null, object, array) is `null`. */
export type SortValue = number | string | boolean | null

/** The sort value of a field's value as JSON.parse gave it. */
const sortValue = (value: unknown): SortValue =>
  typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null

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
 * Keys gathered without a parsed document (`lineKeyScanner.ts` reads them from a line's bytes, a draft overlay
 * takes its draft's): the same object keysOfDocument builds from the same values, strings not interned.
 */
export function keysFromParts(parts: Omit<DocumentKeys, 'hasSeparatorKey'>): DocumentKeys {
  const {id, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore} = parts
  return withSeparatorFlag({id, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore, hasSeparatorKey: false})
}

function withSeparatorFlag(keys: DocumentKeys): DocumentKeys {
  keys.hasSeparatorKey = hasSeparator(keys)
  return keys
}

function hasSeparator(keys: DocumentKeys): boolean {
  if (keys.id.includes(KEY_SEPARATOR) || keys.type?.includes(KEY_SEPARATOR) || keys.slug?.includes(KEY_SEPARATOR)) return true
  for (const key of keys.references) if (key.includes(KEY_SEPARATOR)) return true
  for (const key of keys.fieldRefs) if (key.includes(KEY_SEPARATOR)) return true
  return false
}
