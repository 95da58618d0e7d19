/** Checks a key index segment's rows (layout: `keyIndexSegment.ts`) and visits them in file order. */
import {isAscii} from 'node:buffer'
import {ORDERED_FIELDS} from './indexKeys'
import type {SegmentShape} from './keyIndexSegment'
import {SegmentRows} from './segmentRows'

const FIELD_COUNT = ORDERED_FIELDS.length

/** One document row as loading sees it: the keys it needs at once, and where the rest is. */
export type RowVisitor = (id: string, rows: SegmentRows, row: number, hasSeparatorKey: boolean, start: number, end: number) => void

/**
 * Checks every row of the segment `body` (its bytes checked against `shape` by the caller) and calls `line` for
 * each in file order. Returns the end of its last line (`notBefore` when empty), or -1, having stopped, when a row
 * is inconsistent: a string or number position out of range, a line starting before `notBefore` (the previous
 * segment's end) or ending past `dataSize`. Every position is checked here, so reading a row later cannot fail.
 */
export function readSegmentRows(body: Uint8Array, shape: SegmentShape, notBefore: number, dataSize: number, line: RowVisitor): number {
  const {stringBytes, strings: stringCount, documents, numbers, base} = shape
  const tableStart = (stringBytes + 3) & ~3
  const intCount = (body.length - tableStart) / 4
  if (!Number.isInteger(intCount) || intCount < stringCount + 1 || !(base >= 0) || !Array.isArray(numbers)) return -1
  // An aligned view when the segment starts on a 4-byte boundary of its buffer (the index file pads its header
  // for that), else an aligned copy.
  const at0 = body.byteOffset + tableStart
  let ints: Int32Array
  if (at0 % 4 === 0) ints = new Int32Array(body.buffer, at0, intCount)
  else {
    const copy = new Uint8Array(intCount * 4)
    copy.set(body.subarray(tableStart))
    ints = new Int32Array(copy.buffer)
  }
  // UTF-16 offsets never exceed the UTF-8 bytes they decode from.
  for (let i = 0; i < stringCount; i++) if (!(ints[i] >= 0 && ints[i] <= ints[i + 1] && ints[i + 1] <= stringBytes)) return -1
  const strings = Buffer.from(body.buffer, body.byteOffset, stringBytes)
  // The leading strings whose bytes are all ASCII (`segmentOrder.ts` puts them first): their offsets are byte
  // offsets, and Latin-1 decodes them as UTF-8 does, into a one-byte string; the rest is decoded as UTF-8.
  const asciiStrings = leadingAsciiStrings(strings, ints, stringCount)
  const asciiText = strings.toString('latin1', 0, ints[asciiStrings])
  const otherText = strings.toString('utf8', ints[asciiStrings], stringBytes)
  if (ints[stringCount] > asciiText.length + otherText.length) return -1
  const rows = new SegmentRows(ints, asciiText, otherText, asciiStrings, stringCount, numbers)
  const stringAt = (code: number, optional: boolean) => (optional ? code >= -1 : code >= 0) && code < stringCount
  const sortCode = (code: number) => (code >= -3 ? code < stringCount : typeof numbers[-code - 4] === 'number')
  let at = stringCount + 1
  let previousEnd = base
  for (let n = 0; n < documents; n++) {
    const row = at
    if (at + 9 + FIELD_COUNT > intCount) return -1
    const start = previousEnd + ints[at]
    const end = start + ints[at + 1]
    if (ints[at] < 0 || start < notBefore || end < start || end > dataSize) return -1
    if (!stringAt(ints[at + 2], false) || !stringAt(ints[at + 3], true) || !stringAt(ints[at + 4], true) || !stringAt(ints[at + 5], true)) return -1
    at += 7
    for (let list = 0; list < 2; list++) {
      const length = ints[at]
      if (!(length >= 0 && at + length + 1 + FIELD_COUNT <= intCount)) return -1
      for (let i = 1; i <= length; i++) if (!stringAt(ints[at + i], false)) return -1
      at += 1 + length
    }
    if (at + FIELD_COUNT > intCount) return -1
    for (let i = 0; i < FIELD_COUNT; i++) if (!sortCode(ints[at + i])) return -1
    at += FIELD_COUNT
    line(rows.string(ints[row + 2])!, rows, row, (ints[row + 6] & 2) !== 0, start, end)
    previousEnd = notBefore = end
  }
  return at === intCount ? notBefore : -1
}

/** How many leading strings are all ASCII: a binary search over string ends of one native check each. */
function leadingAsciiStrings(strings: Buffer, ints: Int32Array, stringCount: number): number {
  // isAscii(bytes before string k's start) holds for k up to the first string holding a non-ASCII byte, not after:
  // a non-ASCII character takes more bytes than UTF-16 units, so later starts lie past it.
  let [low, high] = [0, stringCount]
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if (isAscii(strings.subarray(0, ints[middle]))) low = middle
    else high = middle - 1
  }
  return low
}
