/**
 * A document's row written into a segment builder (`segmentBuilder.ts`), from the tokens the key scanner kept of
 * its line (`writeWalkedRow`, every line the scanner vouches for) or from its keys (`writeKeysRow`, a line that
 * was parsed). Both write the row and the strings `encodeSegment` writes for the same keys, in the same order, so
 * the segment's bytes are the same whichever way a line went; `encodeSegment` stays the plain path they are
 * tested against.
 */
import {KEY_SEPARATOR, FIELD_REF_JOINER} from './documentKeys'
import {ORDERED_FIELDS, type DocumentKeys, type SortValue} from './indexKeys'
import {ESCAPED, FALSE, latin1, NUMBER, OBJECT, STRING, tokenText, TRUE, type Kind} from './jsonTokens'
import {FIELD_REF_COUNT, FIELD_REF_TOKEN, fieldRefTokens, hasId, ID, ID_SORT, isString, REF_COUNT, refs, REV, SCORE, SLUG, SLUG_END, SLUG_KIND, SLUG_START, SORT_SOURCE, topEnd, topKind, topStart, TYPE, TYPE_SORT, walked} from './scannedKeyFields'
import type {SegmentBuilder} from './segmentBuilder'
import {DEDUPE_FIELD} from './segmentEncode'

const FIELD_COUNT = ORDERED_FIELDS.length
const SLUG_SORT = ORDERED_FIELDS.indexOf('slug.current')
const JOINER = FIELD_REF_JOINER.charCodeAt(0)

/**
 * The row of the line the key scanner walked last (`walkLine`), at file bytes [start, end); false when the line has
 * no string `_id` (then it is parsed, and the parse says why), and nothing is written.
 */
export function writeWalkedRow(bytes: Buffer, b: SegmentBuilder, start: number, end: number): boolean {
  if (!hasId()) return false
  if (!b.beginRow(start, end)) return true
  const ints = b.ints
  const s = b.strings
  const unique = (kind: Kind, from: number, to: number) => (kind === STRING ? s.uniqueBytes(bytes, from + 1, to - 1) : s.uniqueString(tokenText(bytes, kind, from, to)))
  const shared = (kind: Kind, from: number, to: number) => (kind === STRING ? s.sharedBytes(bytes, from + 1, to - 1) : s.sharedString(tokenText(bytes, kind, from, to)))
  // Only a string with an escape can hold KEY_SEPARATOR (U+0000): JSON forbids the raw control character.
  let separator = false
  const mayHold = (kind: Kind, from: number, to: number) => kind === ESCAPED && !separator && (separator = tokenText(bytes, kind, from, to).includes(KEY_SEPARATOR))
  const [slugKind, slugStart, slugEnd] = [walked[SLUG_KIND], walked[SLUG_START], walked[SLUG_END]]
  const hasSlug = topKind[SLUG] === OBJECT && (slugKind === STRING || slugKind === ESCAPED)
  const id = unique(topKind[ID], topStart[ID], topEnd[ID])
  const slug = hasSlug ? unique(slugKind, slugStart, slugEnd) : -1
  const type = isString(TYPE) ? shared(topKind[TYPE], topStart[TYPE], topEnd[TYPE]) : -1
  mayHold(topKind[ID], topStart[ID], topEnd[ID])
  if (hasSlug) mayHold(slugKind, slugStart, slugEnd)
  if (type >= 0) mayHold(topKind[TYPE], topStart[TYPE], topEnd[TYPE])
  ints.push1(id)
  ints.push1(type)
  ints.push1(slug)
  ints.push1(isString(REV) ? unique(topKind[REV], topStart[REV], topEnd[REV]) : -1)
  const flags = ints.size
  ints.push1(0)
  // References in first-seen order, each once (keysOfWalk's Set): equal strings have equal positions.
  const refList = ints.size
  ints.push1(0)
  for (let i = 0; i < walked[REF_COUNT]; i++) {
    const [from, to, kind] = [refs[3 * i], refs[3 * i + 1], refs[3 * i + 2]]
    const position = shared(kind, from, to)
    let seen = false
    for (let k = refList + 1; k < ints.size && !seen; k++) seen = ints.at(k) === position
    if (seen) continue
    ints.push1(position)
    mayHold(kind, from, to)
  }
  ints.set(refList, ints.size - refList - 1)
  ints.push1(walked[FIELD_REF_COUNT])
  for (let i = 0, k = 0; i < walked[FIELD_REF_COUNT]; i++, k += FIELD_REF_TOKEN) {
    const [nameStart, nameEnd, from, to, kind] = [fieldRefTokens[k], fieldRefTokens[k + 1], fieldRefTokens[k + 2], fieldRefTokens[k + 3], fieldRefTokens[k + 4]]
    if (kind === STRING) ints.push1(s.sharedJoined(bytes, nameStart, nameEnd, JOINER, bytes, from + 1, to - 1))
    else ints.push1(s.sharedString(latin1(bytes, nameStart, nameEnd) + FIELD_REF_JOINER + tokenText(bytes, kind, from, to)))
    mayHold(kind, from, to)
  }
  for (let i = 0; i < FIELD_COUNT; i++) {
    if (i === ID_SORT) ints.push1(id)
    else if (i === SLUG_SORT) ints.push1(slug >= 0 ? slug : topKind[SLUG] === OBJECT ? scalar(b, bytes, slugKind, slugStart, slugEnd) : -1)
    else if (i === TYPE_SORT && type >= 0) ints.push1(type)
    else {
      const field = SORT_SOURCE[i]
      const [kind, from, to] = [topKind[field], topStart[field], topEnd[field]]
      if (kind === STRING || kind === ESCAPED) ints.push1(DEDUPE_FIELD[i] ? shared(kind, from, to) : unique(kind, from, to))
      else ints.push1(scalar(b, bytes, kind, from, to))
    }
  }
  ints.set(flags, (topKind[SCORE] === NUMBER ? 1 : 0) | (separator ? 2 : 0))
  return true
}

/** The sort value code of a token that is not a string: a number, true, false, else null. */
function scalar(b: SegmentBuilder, bytes: Buffer, kind: Kind, from: number, to: number): number {
  if (kind === NUMBER) return b.number(Number(latin1(bytes, from, to)))
  return kind === TRUE ? -2 : kind === FALSE ? -3 : -1
}

/** The row of a parsed line's keys, at file bytes [start, end): `encodeSegment`'s loop body for one line. */
export function writeKeysRow(b: SegmentBuilder, keys: DocumentKeys, start: number, end: number): void {
  if (keys.sortValues.length !== FIELD_COUNT) b.fail()
  if (!b.beginRow(start, end)) return
  const ints = b.ints
  const s = b.strings
  const sortValue = (value: SortValue, dedupe: boolean): number => {
    if (value === null) return -1
    if (value === true) return -2
    if (value === false) return -3
    if (typeof value === 'string') return dedupe ? s.sharedString(value) : s.uniqueString(value)
    return b.number(value)
  }
  const id = s.uniqueString(keys.id)
  const slug = s.uniqueString(keys.slug)
  const type = s.sharedString(keys.type)
  ints.push1(id)
  ints.push1(type)
  ints.push1(slug)
  ints.push1(s.uniqueString(keys.rev))
  ints.push1((keys.hasOwnScore ? 1 : 0) | (keys.hasSeparatorKey ? 2 : 0))
  ints.push1(keys.references.length)
  for (const ref of keys.references) ints.push1(s.sharedString(ref))
  ints.push1(keys.fieldRefs.length)
  for (const ref of keys.fieldRefs) ints.push1(s.sharedString(ref))
  for (let i = 0; i < FIELD_COUNT; i++) {
    const value = keys.sortValues[i]
    if (i === ID_SORT && value === keys.id) ints.push1(id)
    else if (i === SLUG_SORT && value === keys.slug && slug >= 0) ints.push1(slug)
    else if (i === TYPE_SORT && value === keys.type && type >= 0) ints.push1(type)
    else ints.push1(sortValue(value, DEDUPE_FIELD[i]))
  }
}
