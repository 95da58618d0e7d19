/**
 * One key index segment's keys read in place (layout: `keyIndexSegment.ts`), after `readSegmentRows` checked
 * every position of every row.
 */
import {ORDERED_FIELDS, type SortValue} from './indexKeys'
import {lowerBound} from './sortedSearch'

const FIELD_COUNT = ORDERED_FIELDS.length
const NO_STRINGS: string[] = []

/**
 * The rows of one segment, read in place: a document loaded from the index keeps only its `_id` and its row's
 * position, and each other key is read from the Int32 table when asked for. Objects per document (a keys object,
 * sort value arrays, a string per value) were most of a reopen's garbage collection; an index nobody asks about
 * (a view never queried, a field never sorted on) now costs nothing but its bytes.
 */
export class SegmentRows {
  private readonly strings: (string | undefined)[]

  /** Where the text of the strings after the leading ASCII ones starts, in UTF-16 units of the whole table. */
  private readonly otherStart: number

  /**
   * `asciiText` holds the table's first `asciiStrings` strings, `otherText` the others (`segmentOrder.ts`); the
   * table's offsets count UTF-16 units of the two one after the other.
   */
  constructor(
    private readonly ints: Int32Array,
    private readonly asciiText: string,
    private readonly otherText: string,
    private readonly asciiStrings: number,
    private readonly stringCount: number,
    private readonly numbers: readonly number[],
  ) {
    this.strings = new Array(stringCount)
    this.otherStart = ints[asciiStrings]
  }

  /** A string of the table by position (-1: none). Sliced from the decoded text on first use. */
  string(position: number): string | undefined {
    if (position < 0) return undefined
    return (this.strings[position] ??= this.textOf(position).slice(this.textStart(position), this.textStart(position + 1, position)))
  }

  type(row: number): string | undefined {
    return this.string(this.ints[row + 3])
  }
  slug(row: number): string | undefined {
    return this.string(this.ints[row + 4])
  }
  rev(row: number): string | undefined {
    return this.string(this.ints[row + 5])
  }
  hasOwnScore(row: number): boolean {
    return (this.ints[row + 6] & 1) !== 0
  }
  references(row: number): string[] {
    return this.list(row + 7)
  }
  fieldRefs(row: number): string[] {
    return this.list(row + 8 + this.ints[row + 7])
  }
  /** The `field`-th sort value (ORDERED_FIELDS order). */
  sortValue(row: number, field: number): SortValue {
    const code = this.ints[this.sortStart(row) + field]
    if (code >= 0) return this.string(code)!
    if (code === -1) return null
    if (code === -2) return true
    if (code === -3) return false
    return this.numbers[-code - 4]
  }
  sortValues(row: number): SortValue[] {
    return Array.from({length: FIELD_COUNT}, (_, field) => this.sortValue(row, field))
  }

  /** How many strings the table holds (string positions are below it). */
  get size(): number {
    return this.stringCount
  }
  /** The decoded text holding string `position`: it is `textOf(p).slice(textStart(p), textStart(p + 1, p))`. */
  textOf(position: number): string {
    return position < this.asciiStrings ? this.asciiText : this.otherText
  }
  /** Where in `textOf(of)` the string at `position` starts (`of`: the string whose text it is, by default itself). */
  textStart(position: number, of = position): number {
    return of < this.asciiStrings ? this.ints[position] : this.ints[position] - this.otherStart
  }
  /** The string position of a row's type or slug (-1: none). */
  keyPosition(row: number, index: 'type' | 'slug'): number {
    return this.ints[row + (index === 'type' ? 3 : 4)]
  }

  /** The positions of the strings equal to `key` (not empty): found with one native search of each text. */
  positionsOf(key: string): number[] {
    const found: number[] = []
    this.searchText(key, this.asciiText, 0, this.asciiStrings, found)
    this.searchText(key, this.otherText, this.otherStart, this.stringCount, found)
    return found
  }
  private searchText(key: string, text: string, offset: number, count: number, found: number[]): void {
    const ints = this.ints
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
      // The first string starting at or after `at`; only a string starting exactly there (and as long) is `key`.
      const start = at + offset
      for (let p = lowerBound(ints, start, count); p < count && ints[p] === start; p++) if (ints[p + 1] - start === key.length) found.push(p)
    }
  }

  /** Whether one of the row's keys in lookup index `index` is at one of `positions`. */
  rowHasKey(row: number, index: 'type' | 'slug' | 'references' | 'fieldRef', positions: readonly number[]): boolean {
    const ints = this.ints
    if (index === 'type' || index === 'slug') return positions.includes(ints[row + (index === 'type' ? 3 : 4)])
    const at = index === 'references' ? row + 7 : row + 8 + ints[row + 7]
    for (let i = at + 1, end = at + 1 + ints[at]; i < end; i++) if (positions.includes(ints[i])) return true
    return false
  }

  /**
   * The string positions of a row's keys in one lookup index, without making a string (`keyLookup.ts` builds
   * the by-key indexes from them): its type, slug, referenced ids or `field` + joiner + id keys.
   */
  keyPositions(row: number, index: 'type' | 'slug' | 'references' | 'fieldRef', visit: (position: number) => void): void {
    const ints = this.ints
    if (index === 'type' || index === 'slug') {
      const position = ints[row + (index === 'type' ? 3 : 4)]
      if (position >= 0) visit(position)
      return
    }
    const at = index === 'references' ? row + 7 : row + 8 + ints[row + 7]
    for (let i = at + 1, end = at + 1 + ints[at]; i < end; i++) visit(ints[i])
  }

  private sortStart(row: number): number {
    const fieldRefsAt = row + 8 + this.ints[row + 7]
    return fieldRefsAt + 1 + this.ints[fieldRefsAt]
  }
  private list(at: number): string[] {
    const length = this.ints[at]
    if (length === 0) return NO_STRINGS
    const values = new Array<string>(length)
    for (let i = 0; i < length; i++) values[i] = this.string(this.ints[at + 1 + i])!
    return values
  }
}
