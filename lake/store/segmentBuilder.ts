/**
 * A key index segment built row by row from a scan worker's lines (layout: `keyIndexSegment.ts`): the same bytes
 * `encodeSegment` gives for the same lines' keys, but its strings come straight from the lines' UTF-8 bytes
 * (`segmentStrings.ts`) and the rows from the tokens the key scanner kept (`segmentRowWriters.ts`). Decoding each
 * kept string, building a keys object per line, then hashing and re-encoding its strings was about half of a
 * first open's worker time. A scan worker keeps one builder across its blocks.
 */
import {createHash} from 'node:crypto'
import type {EncodedSegment} from './keyIndexSegment'
import {IntList} from './segmentEncode'
import {remapRows} from './segmentOrder'
import {SegmentStrings} from './segmentStrings'

export class SegmentBuilder {
  /** The rows, as in the segment (`[gap, length, id, …]`), string positions from `strings`. */
  readonly ints = new IntList()
  readonly strings = new SegmentStrings()
  private rowFailed = false
  private documents = 0
  private numbers: number[] = []
  private readonly numberPositions = new Map<number, number>()
  private base = 0
  private previousEnd = 0

  /** Starts a new segment whose first line's gap counts from `base`. */
  reset(base: number): void {
    this.ints.clear()
    this.strings.clear()
    this.documents = 0
    this.numbers = []
    this.numberPositions.clear()
    this.base = this.previousEnd = base
    this.rowFailed = false
  }

  /** Whether the segment cannot be written (the caller then sends the block's keys instead). */
  get failed(): boolean {
    return this.rowFailed || this.strings.illFormed
  }
  fail(): void {
    this.rowFailed = true
  }

  /** Pushes a row's gap and length; false (and failed) when the format cannot carry the line's place. */
  beginRow(start: number, end: number): boolean {
    const gap = start - this.previousEnd
    if (gap < 0 || gap > 0x7fffffff || end - start > 0x7fffffff) return !(this.rowFailed = true)
    this.previousEnd = end
    this.documents++
    this.ints.push1(gap)
    this.ints.push1(end - start)
    return true
  }

  /** A number sort value's code: -(4 + k) for the segment's k-th distinct number. */
  number(value: number): number {
    let position = this.numberPositions.get(value)
    if (position === undefined) this.numberPositions.set(value, (position = this.numbers.push(value) - 1))
    return -(4 + position)
  }

  /** The segment built since `reset` (its ASCII strings first, `segmentOrder.ts`), or undefined when it failed. */
  finish(): EncodedSegment | undefined {
    if (this.failed) return undefined
    const strings = this.strings.count
    const stringBytes = this.strings.bytes
    const padded = (stringBytes + 3) & ~3
    const intCount = strings + 1 + this.ints.size
    // Never from Buffer's shared pool: a worker transfers `body.buffer` whole.
    const body = Buffer.allocUnsafeSlow(padded + intCount * 4)
    body.fill(0x20, stringBytes, padded)
    const table = new Int32Array(body.buffer, body.byteOffset + padded, intCount)
    table.set(this.ints.view(), strings + 1)
    const order = this.strings.writeInto(body, table)
    if (order) remapRows(table.subarray(strings + 1), this.documents, order)
    const shape = {bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), base: this.base, stringBytes, strings, documents: this.documents, numbers: this.numbers}
    return {body, shape}
  }
}
