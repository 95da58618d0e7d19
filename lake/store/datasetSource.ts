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
    if (this.scratch.length < end - start) this.scratch = Buffer.allocUnsafeSlow(Math.max(end - start, 2 * this.scratch.length))
    return this.readInto(this.scratch.subarray(0, end - start), start)
  }
  private scratch = Buffer.allocUnsafeSlow(64 * 1024)

  /** Fills `buffer` with the file's bytes from `start`. */
  private readInto(buffer: Buffer, start: number): Buffer {
    if (this.fd === undefined) throw new Error(`${this.where}: the dataset was closed; open it again to read documents`)
    for (let done = 0; done < buffer.length; ) {
      const n = readSync(this.fd, buffer, done, buffer.length - done, start + done)
      if (n === 0) throw new Error(`${this.where}: the file became shorter while open (changed outside the lake?); open it again`)
      done += n
    }
    return buffer
  }

  close(): void {
    if (this.fd === undefined) return
    unreferenced.unregister(this)
    const fd = this.fd
    this.fd = undefined
    closeSync(fd)
  }
}
