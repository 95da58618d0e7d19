/**
 * The documents under one text index key with their token counts, as the search planner reads them (`get`, `has`,
 * `size`, `keys()`). A key read from a data file's persisted postings that many lines share (a common word) keeps
 * its counts in an array by line ordinal, filled straight from the varints: no map entry per document, so the
 * first search for a common word at 100,000 articles takes milliseconds. Documents added since (writes, drafts)
 * and the lines of rarer keys are kept in a map, as before.
 */
import type {IndexEntry} from './orderedIndex'

/** What a text index lookup returns (a map satisfies it too). */
export interface PostingCounts {
  readonly size: number
  get(entry: IndexEntry): number | undefined
  has(entry: IndexEntry): boolean
  keys(): Iterable<IndexEntry>
  entries(): Iterable<[IndexEntry, number]>
}

/** The file's lines as a view shows them: the entry showing each line (by ordinal), and each entry's line (by `seq`). */
export interface LineEntries {
  entryAt: (IndexEntry | undefined)[]
  ordinalBySeq: Int32Array
}

export class Posting implements PostingCounts {
  private readonly added = new Map<IndexEntry, number>()
  /** Counts by line ordinal (0: none), for the lines that still show under the key. */
  private dense: Uint8Array | Uint16Array | Int32Array | undefined
  private denseSize = 0

  /** Set with the dense counts. */
  private lines: LineEntries | undefined

  /** Takes a key's lines from the base: `each(visit)` calls `visit(ordinal, count)` for each. */
  fillDense(lines: LineEntries, maxCount: number, each: (visit: (ordinal: number, count: number) => void) => void): void {
    this.lines = lines
    const documents = lines.entryAt.length
    const dense = (this.dense = maxCount < 0x100 ? new Uint8Array(documents) : maxCount < 0x10000 ? new Uint16Array(documents) : new Int32Array(documents))
    const entryAt = lines.entryAt
    each((ordinal, count) => {
      if (!entryAt[ordinal]) return
      dense[ordinal] = count
      this.denseSize++
    })
  }

  get size(): number {
    return this.denseSize + this.added.size
  }

  /** The line `entry` shows in the dense counts, or -1. */
  private lineOf(entry: IndexEntry): number {
    if (!this.dense) return -1
    const {entryAt, ordinalBySeq} = this.lines!
    const ordinal = entry.seq < ordinalBySeq.length ? ordinalBySeq[entry.seq] : -1
    return ordinal >= 0 && entryAt[ordinal] === entry && this.dense[ordinal] > 0 ? ordinal : -1
  }

  get(entry: IndexEntry): number | undefined {
    const line = this.lineOf(entry)
    return line >= 0 ? this.dense![line] : this.added.get(entry)
  }

  has(entry: IndexEntry): boolean {
    return this.lineOf(entry) >= 0 || this.added.has(entry)
  }

  set(entry: IndexEntry, count: number): void {
    const line = this.lineOf(entry)
    if (line >= 0) this.dense![line] = count
    else this.added.set(entry, count)
  }

  delete(entry: IndexEntry): boolean {
    const line = this.lineOf(entry)
    if (line < 0) return this.added.delete(entry)
    this.dense![line] = 0
    this.denseSize--
    return true
  }

  *entries(): Generator<[IndexEntry, number]> {
    if (this.dense) {
      const [dense, entryAt] = [this.dense, this.lines!.entryAt]
      for (let ordinal = 0; ordinal < dense.length; ordinal++) if (dense[ordinal] > 0 && entryAt[ordinal]) yield [entryAt[ordinal]!, dense[ordinal]]
    }
    yield* this.added
  }

  *keys(): Generator<IndexEntry> {
    if (this.dense) {
      const [dense, entryAt] = [this.dense, this.lines!.entryAt]
      for (let ordinal = 0; ordinal < dense.length; ordinal++) if (dense[ordinal] > 0 && entryAt[ordinal]) yield entryAt[ordinal]!
    }
    yield* this.added.keys()
  }

  [Symbol.iterator](): Generator<[IndexEntry, number]> {
    return this.entries()
  }
}
