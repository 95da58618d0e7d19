/**
 * A segment's strings in the order it stores them: every ASCII string first, then the others, each group in the
 * order the strings came (both encoders, `segmentEncode.ts` and `segmentBuilder.ts`, so their bytes stay equal).
 * A reader then decodes the long ASCII run as Latin-1 into a one-byte string and only the short rest as UTF-8
 * (`segmentRead.ts`): decoding a segment whose Chinese titles were spread through it made one two-byte string of
 * the whole table, most of the main thread's decoding time of a first open. The format is unchanged (a table of
 * strings in any order), so a segment written before reads as before.
 */
import {ORDERED_FIELDS} from './indexKeys'

const FIELD_COUNT = ORDERED_FIELDS.length

/**
 * The new position of each string (`ascii[p]`: whether string p is ASCII), or undefined when the ASCII strings
 * are already first. `asciiCount` receives how many there are.
 */
export function asciiFirstOrder(ascii: Uint8Array, count: number): Int32Array | undefined {
  let asciiCount = 0
  let inOrder = true
  for (let p = 0; p < count; p++) {
    if (ascii[p] === 1) {
      if (asciiCount !== p) inOrder = false
      asciiCount++
    }
  }
  if (inOrder) return undefined
  const order = new Int32Array(count)
  let nextAscii = 0
  let nextOther = asciiCount
  for (let p = 0; p < count; p++) order[p] = ascii[p] === 1 ? nextAscii++ : nextOther++
  return order
}

/** Rewrites every string position in `rows` (a segment's rows, `documents` of them) through `order`. */
export function remapRows(rows: Int32Array, documents: number, order: Int32Array): void {
  let at = 0
  for (let n = 0; n < documents; n++) {
    for (let i = at + 2; i <= at + 5; i++) if (rows[i] >= 0) rows[i] = order[rows[i]]
    at += 7
    for (let list = 0; list < 2; list++) {
      const length = rows[at]
      for (let i = at + 1; i <= at + length; i++) rows[i] = order[rows[i]]
      at += 1 + length
    }
    for (let i = at; i < at + FIELD_COUNT; i++) if (rows[i] >= 0) rows[i] = order[rows[i]]
    at += FIELD_COUNT
  }
}

/** Whether each string is ASCII, reused across segments. */
let ascii = new Uint8Array(1 << 14)

/**
 * Writes strings (bytes `text[byteStarts[p], next start or stringBytes)`, UTF-16 starts `starts`, `units` in all)
 * into `body` from 0 and their offsets (and the end's) into `table`, ASCII strings first: the new position of
 * each string, or undefined when they were in that order already.
 */
export function writeAsciiFirst(text: Buffer, byteStarts: Int32Array, starts: Int32Array, stringBytes: number, units: number, body: Buffer, table: Int32Array): Int32Array | undefined {
  const strings = starts.length
  table[strings] = units
  const byteEnd = (p: number) => (p + 1 < strings ? byteStarts[p + 1] : stringBytes)
  const unitEnd = (p: number) => (p + 1 < strings ? starts[p + 1] : units)
  if (ascii.length < strings) ascii = new Uint8Array(strings * 2)
  let asciiBytes = 0
  // A string is ASCII when it has as many UTF-16 units as UTF-8 bytes.
  for (let p = 0; p < strings; p++) if ((ascii[p] = byteEnd(p) - byteStarts[p] === unitEnd(p) - starts[p] ? 1 : 0)) asciiBytes += byteEnd(p) - byteStarts[p]
  const order = asciiFirstOrder(ascii, strings)
  if (!order) {
    text.copy(body, 0, 0, stringBytes)
    table.set(starts)
    return undefined
  }
  // ASCII strings: as many units as bytes; the others start after all of them, each where the last ended.
  let [asciiAt, otherAt, otherUnits] = [0, asciiBytes, asciiBytes]
  for (let p = 0; p < strings; p++) {
    const [from, to] = [byteStarts[p], byteEnd(p)]
    let at: number
    if (ascii[p] === 1) {
      table[order[p]] = at = asciiAt
      asciiAt += to - from
    } else {
      table[order[p]] = otherUnits
      otherUnits += unitEnd(p) - starts[p]
      at = otherAt
      otherAt += to - from
    }
    for (let i = from; i < to; i++) body[at++] = text[i]
  }
  return order
}
