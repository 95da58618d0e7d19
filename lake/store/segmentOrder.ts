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
