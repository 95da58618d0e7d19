/**
 * Which values of a line the key scanner (`lineKeyScanner.ts`) keeps, where it keeps their tokens, and how those
 * tokens become the line's `DocumentKeys` once the walk reached the line's end. The walk only checks the grammar
 * and records token positions into the tables below; every string is decoded here, once, from those positions.
 * The tables are module-level and reused line after line: a first open scans a hundred thousand lines, and
 * allocating per line was what the scanner set out to avoid.
 */
import {FIELD_REF_JOINER} from './documentKeys'
import {ESCAPED, latin1, NUMBER, OBJECT, STRING, tokenText, tokenValue} from './jsonTokens'
import {keysFromParts, ORDERED_FIELDS, type DocumentKeys, type SortValue} from './indexKeys'

/** Where a value goes: nowhere, a `_ref`, the top-level slug's `current`, or top-level field `TOP_FIELDS[slot - FIELD]`. */
export const [NONE, REF, SLUG_CURRENT, FIELD] = [0, 1, 2, 3]
const TOP_FIELDS = [...new Set(['_rev', '_score', 'slug', '_id', '_type', ...ORDERED_FIELDS.filter((field) => field !== 'slug.current')])]
export const [REV, SCORE, ID, TYPE] = ['_rev', '_score', '_id', '_type'].map((field) => TOP_FIELDS.indexOf(field))
/** The top-level `slug`: the walk follows it one level down for `current`. */
export const SLUG = TOP_FIELDS.indexOf('slug')
/** For each sort field, the top-level field it is (-1: `slug.current`). */
export const SORT_SOURCE = ORDERED_FIELDS.map((field) => TOP_FIELDS.indexOf(field))
export const [ID_SORT, TYPE_SORT] = [ORDERED_FIELDS.indexOf('_id' as never), ORDERED_FIELDS.indexOf('_type' as never)]
/** Only `slug.current` is a nested sort field: another would need a path this scanner does not follow. */
export const SCANNABLE = ORDERED_FIELDS.every((field) => !field.includes('.') || field === 'slug.current')
/** The kept top-level names as bytes, in slot order (slot `FIELD + f` is `TOP_NAMES[f]`). */
export const TOP_NAMES = TOP_FIELDS.map((name) => Buffer.from(name, 'latin1'))
export const CURRENT = Buffer.from('current', 'latin1')

export const MAX_REFS = 4096
/** Each kept top-level field's token in the line just walked (kind `NONE` of `jsonTokens.ts`: absent), by `slot - FIELD`. */
export const topKind = new Uint8Array(TOP_FIELDS.length)
export const topStart = new Int32Array(TOP_FIELDS.length)
export const topEnd = new Int32Array(TOP_FIELDS.length)
/** The references found so far: start, end and kind of each `_ref` string token (an enclosing `_ref` may drop them). */
export const refs = new Int32Array(3 * MAX_REFS)
/** Each top-level object with a string `_ref`: its field name's start and end, and its `_ref` token's start, end, kind. */
export const FIELD_REF_TOKEN = 5
export const fieldRefTokens = new Int32Array(FIELD_REF_TOKEN * 1024)
/** What else the last walk kept, at these places: its reference and field reference counts, the `slug.current` token. */
export const [REF_COUNT, FIELD_REF_COUNT, SLUG_KIND, SLUG_START, SLUG_END] = [0, 1, 2, 3, 4]
export const walked = new Int32Array(5)

/** The keys of the line just walked, as keysOfDocument gives them; undefined without a string `_id` (parseDocument says why). */
export function keysOfWalk(bytes: Buffer): DocumentKeys | undefined {
  if (!hasId()) return undefined
  const refCount = walked[REF_COUNT]
  const slugValue = topKind[SLUG] === OBJECT ? tokenValue(bytes, walked[SLUG_KIND], walked[SLUG_START], walked[SLUG_END]) : null
  const sortValues: SortValue[] = new Array(SORT_SOURCE.length)
  for (let i = 0; i < SORT_SOURCE.length; i++) {
    const source = SORT_SOURCE[i]
    sortValues[i] = source >= 0 ? tokenValue(bytes, topKind[source], topStart[source], topEnd[source]) : slugValue
  }
  const fieldRefs: string[] = new Array(walked[FIELD_REF_COUNT])
  for (let i = 0, k = 0; i < fieldRefs.length; i++, k += FIELD_REF_TOKEN) {
    const name = latin1(bytes, fieldRefTokens[k], fieldRefTokens[k + 1])
    fieldRefs[i] = name + FIELD_REF_JOINER + tokenText(bytes, fieldRefTokens[k + 4], fieldRefTokens[k + 2], fieldRefTokens[k + 3])
  }
  const references: string[] = new Array(refCount)
  for (let i = 0; i < refCount; i++) references[i] = tokenText(bytes, refs[3 * i + 2], refs[3 * i], refs[3 * i + 1])
  return keysFromParts({
    id: (ID_SORT >= 0 ? sortValues[ID_SORT] : topText(bytes, ID)) as string,
    type: isString(TYPE) ? ((TYPE_SORT >= 0 ? sortValues[TYPE_SORT] : topText(bytes, TYPE)) as string) : undefined,
    slug: typeof slugValue === 'string' ? slugValue : undefined,
    rev: isString(REV) ? topText(bytes, REV) : undefined,
    references: refCount < 2 ? references : [...new Set(references)],
    fieldRefs,
    sortValues,
    hasOwnScore: topKind[SCORE] === NUMBER,
  })
}

/** Whether the line just walked has a non-empty string `_id` (else it is parsed, and parseDocument says why). */
export const hasId = (): boolean => isString(ID) && topEnd[ID] - topStart[ID] > 2
export const isString = (field: number): boolean => topKind[field] === STRING || topKind[field] === ESCAPED
const topText = (bytes: Buffer, field: number): string => tokenText(bytes, topKind[field], topStart[field], topEnd[field])
