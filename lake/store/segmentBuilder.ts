/**
 * A key index segment built row by row from a scan worker's lines (layout: `keyIndexSegment.ts`): the same bytes
 * `encodeSegment` gives for the same lines' keys, but a string can come straight from a line's UTF-8 bytes, and a
 * shared one (type, referenced id, stamp) is found by its bytes in an open-addressing table instead of a `Map` of
 * freshly decoded strings. Decoding each kept string, building its keys object, then hashing and re-encoding its
 * strings was about half of a first open's worker time. A scan worker keeps one builder across its blocks.
 * A string that needs decoding (an escape, bytes that are not UTF-8) goes through the string path, so the stored
 * text is always what JSON.parse of the line gives; a string UTF-8 cannot carry (a lone surrogate) fails the
 * segment, as in `encodeSegment`.
 */
import {createHash} from 'node:crypto'
import {isUtf8} from 'node:buffer'
import type {EncodedSegment} from './keyIndexSegment'
import {IntList} from './segmentEncode'
import {asciiFirstOrder, remapRows} from './segmentOrder'
import {hashOf, SharedStrings} from './segmentSharedStrings'

const SURROGATE = /[\uD800-\uDFFF]/
const isWellFormed = (value: string): boolean => (value as unknown as {isWellFormed(): boolean}).isWellFormed()

export class SegmentBuilder {
  /** The rows, as in the segment (`[gap, length, id, …]`). */
  readonly ints = new IntList()
  /** Whether a row could not be encoded (the caller then sends the block's keys instead). */
  failed = false
  private documents = 0
  private text = Buffer.allocUnsafeSlow(1 << 20)
  /** The text's length in bytes and in UTF-16 code units, and the same up to the end of its last whole string. */
  private textBytes = 0
  private units = 0
  private doneBytes = 0
  private doneUnits = 0
  /** Each string's start in UTF-16 code units of the decoded text, and in bytes. */
  private readonly starts = new IntList()
  private readonly byteStarts = new IntList()
  private readonly shared = new SharedStrings()
  /** At `finish`: whether each string is ASCII. */
  private ascii = new Uint8Array(1 << 14)
  private numbers: number[] = []
  private readonly numberPositions = new Map<number, number>()
  private base = 0
  private previousEnd = 0

  /** Starts a new segment whose first line's gap counts from `base`. */
  reset(base: number): void {
    this.ints.clear()
    this.starts.clear()
    this.byteStarts.clear()
    this.textBytes = this.units = this.doneBytes = this.doneUnits = this.documents = 0
    this.shared.clear()
    this.numbers = []
    this.numberPositions.clear()
    this.base = this.previousEnd = base
    this.failed = false
  }

  /** Pushes a row's gap and length; false (and failed) when the format cannot carry the line's place. */
  beginRow(start: number, end: number): boolean {
    const gap = start - this.previousEnd
    if (gap < 0 || gap > 0x7fffffff || end - start > 0x7fffffff) return !(this.failed = true)
    this.previousEnd = end
    this.documents++
    this.ints.push1(gap)
    this.ints.push1(end - start)
    return true
  }

  /** A string whose UTF-8 is `bytes[start, end)` (decoded as JSON.parse would where it is not UTF-8), appended: its position. */
  uniqueBytes(bytes: Buffer, start: number, end: number): number {
    return this.appendBytes(bytes, start, end) ? this.commit() : this.uniqueString(bytes.toString('utf8', start, end))
  }
  /** The same, stored once per segment. */
  sharedBytes(bytes: Buffer, start: number, end: number): number {
    return this.appendBytes(bytes, start, end) ? this.intern() : this.sharedString(bytes.toString('utf8', start, end))
  }
  /** One shared string of ASCII `name`, the character `joiner` and `bytes[start, end)` (a field reference key). */
  sharedJoined(name: Buffer, nameStart: number, nameEnd: number, joiner: number, bytes: Buffer, start: number, end: number): number {
    this.reserve(nameEnd - nameStart + 1)
    for (let i = nameStart; i < nameEnd; i++) this.text[this.textBytes++] = name[i]
    this.text[this.textBytes++] = joiner
    this.units += nameEnd - nameStart + 1
    if (this.appendBytes(bytes, start, end)) return this.intern()
    this.textBytes = this.doneBytes
    this.units = this.doneUnits
    return this.sharedString(name.toString('latin1', nameStart, nameEnd) + String.fromCharCode(joiner) + bytes.toString('utf8', start, end))
  }
  uniqueString(value: string | undefined): number {
    if (value === undefined) return -1
    this.appendString(value)
    return this.commit()
  }
  sharedString(value: string | undefined): number {
    if (value === undefined) return -1
    this.appendString(value)
    return this.intern()
  }
  /** A number sort value's code: -(4 + k) for the segment's k-th distinct number. */
  number(value: number): number {
    let position = this.numberPositions.get(value)
    if (position === undefined) this.numberPositions.set(value, (position = this.numbers.push(value) - 1))
    return -(4 + position)
  }

  /** The segment built since `reset` (its ASCII strings first, `segmentOrder.ts`), or undefined when a row failed. */
  finish(): EncodedSegment | undefined {
    if (this.failed) return undefined
    const strings = this.starts.size
    const stringBytes = this.doneBytes
    const padded = (stringBytes + 3) & ~3
    const intCount = strings + 1 + this.ints.size
    // Never from Buffer's shared pool: a worker transfers `body.buffer` whole.
    const body = Buffer.allocUnsafeSlow(padded + intCount * 4)
    body.fill(0x20, stringBytes, padded)
    const table = new Int32Array(body.buffer, body.byteOffset + padded, intCount)
    table.set(this.ints.view(), strings + 1)
    table[strings] = this.doneUnits
    const [byteStarts, starts, text] = [this.byteStarts.view(), this.starts.view(), this.text]
    const byteEnd = (p: number) => (p + 1 < strings ? byteStarts[p + 1] : stringBytes)
    const unitEnd = (p: number) => (p + 1 < strings ? starts[p + 1] : this.doneUnits)
    if (this.ascii.length < strings) this.ascii = new Uint8Array(strings * 2)
    let asciiBytes = 0
    for (let p = 0; p < strings; p++) if ((this.ascii[p] = byteEnd(p) - byteStarts[p] === unitEnd(p) - starts[p] ? 1 : 0)) asciiBytes += byteEnd(p) - byteStarts[p]
    const order = asciiFirstOrder(this.ascii, strings)
    if (!order) {
      text.copy(body, 0, 0, stringBytes)
      table.set(starts)
    } else {
      // ASCII strings: as many units as bytes; the others start after all of them, each where the last ended.
      let [asciiAt, otherAt, otherUnits] = [0, asciiBytes, asciiBytes]
      for (let p = 0; p < strings; p++) {
        const [from, to] = [byteStarts[p], byteEnd(p)]
        let at: number
        if (this.ascii[p] === 1) {
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
      remapRows(table.subarray(strings + 1), this.documents, order)
    }
    const shape = {bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), base: this.base, stringBytes, strings, documents: this.documents, numbers: this.numbers}
    return {body, shape}
  }

  /** Copies `bytes[start, end)` after the text if they are UTF-8 (else nothing changes and false). */
  private appendBytes(bytes: Buffer, start: number, end: number): boolean {
    this.reserve(end - start)
    const text = this.text
    let at = this.textBytes
    let high = 0
    for (let i = start; i < end; i++) high |= text[at++] = bytes[i]
    if (high >= 0x80) {
      if (!isUtf8(bytes.subarray(start, end))) return false
      // UTF-16 units: one per sequence, two for a 4-byte one; ASCII bytes are one each.
      let units = 0
      for (let i = start; i < end; i++) if ((bytes[i] & 0xc0) !== 0x80) units += bytes[i] >= 0xf0 ? 2 : 1
      this.units += units
    } else this.units += end - start
    this.textBytes = at
    return true
  }
  private appendString(value: string): void {
    if (SURROGATE.test(value) && !isWellFormed(value)) this.failed = true
    this.reserve(value.length * 3)
    this.textBytes += this.text.write(value, this.textBytes, 'utf8')
    this.units += value.length
  }
  /** Makes the text appended since the last string one more string: its position. */
  private commit(): number {
    this.starts.push1(this.doneUnits)
    this.byteStarts.push1(this.doneBytes)
    this.doneUnits = this.units
    this.doneBytes = this.textBytes
    return this.starts.size - 1
  }
  /** The same for a shared string: the position of an equal one already stored, else a new one. */
  private intern(): number {
    const hash = hashOf(this.text, this.doneBytes, this.textBytes)
    const found = this.shared.find(hash, this.text, this.doneBytes, this.textBytes, this.byteStarts)
    if (found >= 0) {
      this.textBytes = this.doneBytes
      this.units = this.doneUnits
      return found
    }
    const position = this.commit()
    this.shared.add(hash, position, this.text, this.byteStarts, this.doneBytes)
    return position
  }
  private reserve(bytes: number): void {
    if (this.textBytes + bytes <= this.text.length) return
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.text.length * 2, this.textBytes + bytes))
    this.text.copy(bigger, 0, 0, this.textBytes)
    this.text = bigger
  }
}
