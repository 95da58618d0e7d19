/**
 * One segment of the key index file (`keyIndexFile.ts`): the keys and byte ranges of a run of consecutive document
 * lines. A first open on several threads encodes one segment per block of the file in the thread that parsed it,
 * and the same bytes go to the main thread (transferred, not copied) and into the index file unchanged.
 *
 * Layout: every string of the segment concatenated (UTF-8), padding to 4 bytes, then Int32 in the machine's byte
 * order: the string table's boundaries (count + 1, in UTF-16 code units of the decoded text), and rows
 * `[gap, length, id, type, slug, rev, flags, nRefs, refs…, nFieldRefs, fieldRefs…, sortValues…]` where gap is the
 * distance from the previous line's end (the segment's `base` for its first line), strings are table positions,
 * and a sort value is a table position, -1 null, -2 true, -3 false, or -(4 + k) for the segment's k-th number.
 * Decoding the text once and slicing it is about twice as fast as JSON.parse of a string array; a string UTF-8
 * cannot carry (a lone surrogate) means the segment cannot be encoded.
 *
 * Its parts: `segmentEncode.ts` (lines' keys into a segment), `segmentRead.ts` (a segment's rows checked and
 * visited in file order), `segmentRows.ts` (a segment's keys read in place).
 */
import type {DocumentKeys} from './indexKeys'

export interface IndexedLine {
  keys: DocumentKeys
  start: number
  end: number
}

/** What the index header records of a segment. */
export interface SegmentShape {
  bytes: number
  sha256: string
  /** The offset the first line's gap counts from. */
  base: number
  stringBytes: number
  strings: number
  documents: number
  numbers: number[]
}

export interface EncodedSegment {
  body: Uint8Array
  shape: SegmentShape
}

export {encodeSegment, IntList} from './segmentEncode'
export {readSegmentRows, type RowVisitor} from './segmentRead'
export {SegmentRows} from './segmentRows'
