/**
 * The index keys of one dataset line read straight from its UTF-8 bytes: exactly
 * `keysOfDocument(parseDocument(line))`, without decoding the line or building its objects. A first open reads
 * every line of the file once for its keys; decoding, `JSON.parse` and collecting the garbage were most of that.
 * This walks the bytes once, checking JSON's grammar as it goes (`jsonTokens.ts`) and noting where the values the
 * keys are made of are (`_id`, `_type`, `_rev`, the top-level sort fields, `slug.current`, the `_ref`s kept);
 * `scannedKeyFields.ts` decodes only those. It stays one function: its loop runs for every value of every line,
 * and state passed between functions there would cost the open more than the length costs the reader.
 *
 * Where it is in doubt it answers `undefined` and the caller parses the line as before (same keys or same error):
 * a line that is not one JSON object or breaks the grammar, an object with a repeated key (JSON.parse keeps the
 * last value at the first one's place), a key with an escape, a non-ASCII byte or a leading digit (an array-index
 * key moves to the front of `for…in` order, which orders references), nesting deeper than MAX_DEPTH
 * (keysOfDocument recurses), a missing or empty string `_id`. Structural bytes are ASCII and UTF-8 never hides an
 * ASCII byte inside a sequence, so walking bytes sees the structure the decoded text has; a string is decoded
 * between its quotes exactly as the whole line would be (an invalid sequence becomes U+FFFD either way).
 */
import type {DocumentKeys} from './indexKeys'
import {ARRAY, ESCAPE_BYTE, ESCAPED, FALSE, isHex, literalEnd, NONE as NO_VALUE, NULL, NUMBER, numberEnd, OBJECT, STRING, STRING_BYTE, tokenValue, TRUE, type Kind} from './jsonTokens'
import {CURRENT, FIELD, FIELD_REF_COUNT, FIELD_REF_TOKEN, fieldRefTokens, keysOfWalk, MAX_REFS, NONE, REF, REF_COUNT, refs, SCANNABLE, SLUG, SLUG_CURRENT, SLUG_END, SLUG_KIND, SLUG_START, TOP_NAMES, topEnd, topKind, topStart, walked} from './scannedKeyFields'

const MAX_DEPTH = 256
const MAX_KEYS = 1024

// The walk's state for one line at a time, allocated once.
const isObject = new Uint8Array(MAX_DEPTH + 2)
const refMark = new Int32Array(MAX_DEPTH + 2)
/** Each open object's `_ref` token so far (NO_VALUE when it has none). */
const refKind = new Uint8Array(MAX_DEPTH + 2)
const refStart = new Int32Array(MAX_DEPTH + 2)
const refEnd = new Int32Array(MAX_DEPTH + 2)
const keyBase = new Int32Array(MAX_DEPTH + 2)
const keyStart = new Int32Array(MAX_KEYS)
const keyEnd = new Int32Array(MAX_KEYS)
/** Length and first and last byte of each open key: a cheap first test for a repeated key. */
const keyTag = new Int32Array(MAX_KEYS)

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/** The keys of the line `bytes[start, end)`, or undefined: then parse it (`parseDocument`) and take `keysOfDocument`. */
export function scanLineKeys(bytes: Buffer, start: number, end: number): DocumentKeys | undefined {
  return walkLine(bytes, start, end) ? keysOfWalk(bytes) : undefined
}

/**
 * Walks the line `bytes[start, end)`: true when the scanner vouches for it (see above), the tokens it kept then in
 * `scannedKeyFields.ts`'s tables until the next walk; false where the line must be parsed.
 */
export function walkLine(bytes: Buffer, start: number, end: number): boolean {
  let at = start
  while (at < end && isSpace(bytes[at])) at++
  // The byte after the line (its newline) stops a run of string bytes, so that loop need not test `end`.
  if (!SCANNABLE || at >= end || bytes[at] !== 0x7b || (end < bytes.length && STRING_BYTE[bytes[end]] === 0)) return false
  topKind.fill(NO_VALUE)
  let depth = 0
  let keyCount = 0
  let refCount = 0
  let slot = NONE
  let needKey = false
  let slugDepth = -1
  let slugKind: Kind = NO_VALUE
  let slugStart = 0
  let slugEnd = 0
  let fieldRefCount = 0
  for (;;) {
    while (at < end && isSpace(bytes[at])) at++
    if (needKey) {
      // `"key":`, its slot, and a refusal of a key JSON.parse would merge with an earlier one.
      if (at >= end || bytes[at] !== 0x22) return false
      const from = ++at
      let tag = 0
      for (let c = 0; at < end && (c = bytes[at]) !== 0x22; at++) if (c < 0x20 || c >= 0x80 || c === 0x5c) return false
      const length = at - from
      if (at >= end || (length > 0 && bytes[from] <= 0x39 && bytes[from] >= 0x30)) return false
      if (length > 0) tag = (length << 16) | (bytes[from] << 8) | bytes[at - 1]
      for (let k = keyBase[depth]; k < keyCount; k++) if (keyTag[k] === tag && sameBytes(bytes, keyStart[k], from, length)) return false
      if (keyCount === MAX_KEYS) return false
      keyStart[keyCount] = from
      keyEnd[keyCount] = at
      keyTag[keyCount++] = tag
      at++
      while (at < end && isSpace(bytes[at])) at++
      if (at >= end || bytes[at] !== 0x3a) return false
      at++
      while (at < end && isSpace(bytes[at])) at++
      slot = NONE
      if (length === 4 && bytes[from] === 0x5f && bytes[from + 1] === 0x72 && bytes[from + 2] === 0x65 && bytes[from + 3] === 0x66) slot = REF
      else if (depth === 1) {
        for (let f = 0; f < TOP_NAMES.length; f++) if (TOP_NAMES[f].length === length && sameAs(bytes, TOP_NAMES[f], from)) slot = FIELD + f
      } else if (depth === slugDepth && length === 7 && sameAs(bytes, CURRENT, from)) slot = SLUG_CURRENT
      needKey = false
    }
    if (at >= end) return false
    // One value: its kind and bytes, kept if it has a slot.
    const c = bytes[at]
    let kind: Kind
    const from = at
    if (c === 0x22) {
      kind = STRING
      for (at++; ; ) {
        while (STRING_BYTE[bytes[at]] === 0) at++
        if (at >= end) return false
        const b = bytes[at]
        if (b === 0x22) break
        if (b !== 0x5c || at + 1 >= end) return false
        const escape = ESCAPE_BYTE[bytes[at + 1]]
        if (escape === 1) at += 2
        else if (escape === 2 && at + 5 < end && isHex(bytes[at + 2]) && isHex(bytes[at + 3]) && isHex(bytes[at + 4]) && isHex(bytes[at + 5])) at += 6
        else return false
        kind = ESCAPED
      }
      at++
    } else if (c === 0x7b || c === 0x5b) {
      kind = c === 0x7b ? OBJECT : ARRAY
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      kind = NUMBER
      at = numberEnd(bytes, at, end)
    } else {
      kind = c === 0x74 ? TRUE : c === 0x66 ? FALSE : NULL
      at = literalEnd(bytes, at, end)
    }
    if (at < 0) return false
    if (slot === REF) {
      refKind[depth] = kind
      refStart[depth] = from
      refEnd[depth] = at
    } else if (slot === SLUG_CURRENT) {
      slugKind = kind
      slugStart = from
      slugEnd = at
    } else if (slot !== NONE) {
      topKind[slot - FIELD] = kind
      topStart[slot - FIELD] = from
      topEnd[slot - FIELD] = at
    }
    let closing = false
    if (kind === OBJECT || kind === ARRAY) {
      if (depth === MAX_DEPTH) return false
      depth++
      const object = kind === OBJECT
      isObject[depth] = object ? 1 : 0
      refMark[depth] = refCount
      refKind[depth] = NO_VALUE
      keyBase[depth] = keyCount
      if (depth === 2 && object && slot === FIELD + SLUG) slugDepth = 2
      at++
      while (at < end && isSpace(bytes[at])) at++
      if (bytes[at] !== (object ? 0x7d : 0x5d) || at >= end) {
        needKey = object
        slot = NONE
        continue
      }
      closing = true
    }
    // After a value: the ends of the containers it closes, then a comma (or the end of the line).
    for (;;) {
      if (closing) {
        // `at` is on the closing bracket of the container at `depth`.
        at++
        if (isObject[depth]) {
          const state = refKind[depth]
          if (state !== NO_VALUE && truthy(bytes, state, refStart[depth], refEnd[depth])) {
            refCount = refMark[depth]
            if (state === STRING || state === ESCAPED) {
              if (refCount === MAX_REFS) return false
              refs[3 * refCount] = refStart[depth]
              refs[3 * refCount + 1] = refEnd[depth]
              refs[3 * refCount++ + 2] = state
            }
          }
          if (depth === 2 && (state === STRING || state === ESCAPED)) {
            // The top-level field holding this object: the depth-1 key read last before it opened (one object per key).
            const k = FIELD_REF_TOKEN * fieldRefCount++
            fieldRefTokens[k] = keyStart[keyBase[2] - 1]
            fieldRefTokens[k + 1] = keyEnd[keyBase[2] - 1]
            fieldRefTokens[k + 2] = refStart[2]
            fieldRefTokens[k + 3] = refEnd[2]
            fieldRefTokens[k + 4] = state
          }
          keyCount = keyBase[depth]
        }
        if (depth === slugDepth) slugDepth = -1
        depth--
        closing = false
      }
      while (at < end && isSpace(bytes[at])) at++
      if (depth === 0) {
        if (at !== end) return false
        walked[REF_COUNT] = refCount
        walked[FIELD_REF_COUNT] = fieldRefCount
        walked[SLUG_KIND] = slugKind
        walked[SLUG_START] = slugStart
        walked[SLUG_END] = slugEnd
        return true
      }
      if (at >= end) return false
      const next = bytes[at]
      if (next === 0x2c) {
        at++
        needKey = isObject[depth] === 1
        slot = NONE
        break
      }
      if (next !== (isObject[depth] ? 0x7d : 0x5d)) return false
      closing = true
    }
  }
}

/** Whether a `_ref` value is truthy in JavaScript (an empty string, 0, -0, false and null are not). */
function truthy(bytes: Buffer, kind: Kind, start: number, end: number): boolean {
  if (kind === STRING || kind === ESCAPED) return end - start > 2
  if (kind === NUMBER) return tokenValue(bytes, kind, start, end) !== 0
  return kind !== FALSE && kind !== NULL
}

function sameBytes(bytes: Buffer, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false
  return true
}

function sameAs(bytes: Buffer, name: Uint8Array, start: number): boolean {
  for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name[i]) return false
  return true
}
