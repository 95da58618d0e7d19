/**
 * The string table of a key index segment being built (`segmentBuilder.ts`): strings appended as UTF-8 straight
 * from a line's bytes where they are UTF-8 (the text is what JSON.parse of the line gives: bytes that are not
 * UTF-8, like escapes, go through a decoded string), shared ones stored once and found by their bytes
 * (`segmentSharedStrings.ts`), each string's start kept in UTF-16 units (the format's offsets) and in bytes.
 */
import {isUtf8} from 'node:buffer'
import {IntList} from './segmentEncode'
import {writeAsciiFirst} from './segmentOrder'
import {hashOf, SharedStrings} from './segmentSharedStrings'

const SURROGATE = /[\uD800-\uDFFF]/
const isWellFormed = (value: string): boolean => (value as unknown as {isWellFormed(): boolean}).isWellFormed()

export class SegmentStrings {
  /** Whether a string UTF-8 cannot carry (a lone surrogate) was added: the segment cannot be written. */
  illFormed = false
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

  clear(): void {
    this.starts.clear()
    this.byteStarts.clear()
    this.textBytes = this.units = this.doneBytes = this.doneUnits = 0
    this.shared.clear()
    this.illFormed = false
  }
  get count(): number {
    return this.starts.size
  }
  /** The UTF-8 bytes of the strings so far. */
  get bytes(): number {
    return this.doneBytes
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
  /** Writes the strings and their offsets into a segment's `body` and `table`, ASCII ones first (`segmentOrder.ts`). */
  writeInto(body: Buffer, table: Int32Array): Int32Array | undefined {
    return writeAsciiFirst(this.text, this.byteStarts.view(), this.starts.view(), this.doneBytes, this.doneUnits, body, table)
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
    if (SURROGATE.test(value) && !isWellFormed(value)) this.illFormed = true
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
