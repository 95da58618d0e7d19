/** Checks a key index segment's rows (layout: `keyIndexSegment.ts`) and visits them in file order. */
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
  const text = Buffer.from(body.buffer, body.byteOffset, stringBytes).toString('utf8')
  for (let i = 0; i < stringCount; i++) if (!(ints[i] >= 0 && ints[i] <= ints[i + 1] && ints[i + 1] <= text.length)) return -1
  const rows = new SegmentRows(ints, text, stringCount, numbers)
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
