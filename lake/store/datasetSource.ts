/**
 * Where file-backed documents are read from: an open file descriptor on the dataset file as it was loaded, read
 * with positional reads (`pread`) when a query parses a document. Opening a dataset therefore never copies the
 * whole file into memory (on this machine reading 370 MB costs ~1.4 s of kernel time, more than the whole open
 * should). The descriptor pins the inode: after another process compacts (renames a new file over the path) the
 * documents of the old views still read the bytes they were loaded from, until catch-up swaps in new views.
 * A source nobody references any more is closed by the garbage collector; `close()` closes it at once.
 */
import {closeSync, readSync} from 'node:fs'
import {ParsedCache} from './parsedCache'

/** How far a forward read of nearby lines reads ahead (`peek`). */
const READ_AHEAD = 64 * 1024

/** Closes the descriptors of sources that became garbage without an explicit close (old views after a reload). */
const unreferenced = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd)
  } catch {
    // Already closed: nothing to release.
  }
})

export class DatasetSource {
  /** Parsed documents of this file kept for re-reads (bounded). */
  readonly cache = new ParsedCache()
  private fd: number | undefined

  /** Takes ownership of `fd` (opened for reading on `where`'s file). */
  constructor(
    fd: number,
    /** The file as errors name it. */
    readonly where: string,
  ) {
    this.fd = fd
    unreferenced.register(this, fd, this)
  }

  /** Whether `close()` was called (a background pass must not read or attach to a closed source). */
  get closed(): boolean {
    return this.fd === undefined
  }

  /** The UTF-8 text of bytes [start, end). */
  read(start: number, end: number): string {
    return this.bytes(start, end).toString('utf8')
  }

  /** The bytes [start, end), read from the file. */
  bytes(start: number, end: number): Buffer {
    return this.readInto(Buffer.allocUnsafe(end - start), start)
  }

  /**
   * The bytes [start, end) in a buffer reused by the next call: for a reader that is done with them at once (a
   * sitemap page reads 10,000 lines; a new buffer per line over Buffer's 4 KiB pool costs more than the read).
   */
  peek(start: number, end: number): Buffer {
    if (start >= this.windowStart && end <= this.windowEnd) return this.window.subarray(start - this.windowStart, end - this.windowStart)
    // Reading forward through nearby lines (a page walked in `_id` order over a file exported in about that order):
    // one read of the next READ_AHEAD bytes serves the lines after this one too (a positional read costs ~20 µs here).
    const ahead = start >= this.windowEnd && start - this.windowEnd < READ_AHEAD
    const length = ahead ? Math.max(end - start, READ_AHEAD) : end - start
    if (this.window.length < length) this.window = Buffer.allocUnsafeSlow(Math.max(length, 2 * this.window.length))
    const bytes = this.readInto(this.window.subarray(0, length), start, end - start)
    ;[this.windowStart, this.windowEnd] = [start, start + bytes.length]
    // Kept only for the query running now (synchronous): a later query reads the file again, as it always did.
    if (!this.windowDropScheduled) {
      this.windowDropScheduled = true
      setImmediate(() => ((this.windowEnd = 0), (this.windowDropScheduled = false)))
    }
    return this.window.subarray(0, end - start)
  }
  private windowDropScheduled = false
  private window = Buffer.allocUnsafeSlow(READ_AHEAD)
  /** The file bytes [windowStart, windowEnd) are in `window` (an empty range until the first peek). */
  private windowStart = 0
  private windowEnd = 0

  /** Fills `buffer` with the file's bytes from `start` (at least `needed` of them; the rest as far as the file goes). */
  private readInto(buffer: Buffer, start: number, needed = buffer.length): Buffer {
    if (this.fd === undefined) throw new Error(`${this.where}: the dataset was closed; open it again to read documents`)
    let done = 0
    while (done < buffer.length) {
      const n = readSync(this.fd, buffer, done, buffer.length - done, start + done)
      if (n === 0) break
      done += n
    }
    if (done < needed) throw new Error(`${this.where}: the file became shorter while open (changed outside the lake?); open it again`)
    return done === buffer.length ? buffer : buffer.subarray(0, done)
  }

  close(): void {
    if (this.fd === undefined) return
    unreferenced.unregister(this)
    const fd = this.fd
    this.fd = undefined
    this.windowEnd = 0
    closeSync(fd)
  }
}
