/**
 * Reading a text postings file (`textPostingsFile.ts`) for a search: the header and each section's tables (keys,
 * offsets, counts: ~6 MB at 100k articles) are read and their SHA-256s checked at once; the postings themselves
 * (~19 MB there) are read and checked per 64 KiB chunk when a lookup first needs them (`FieldPostings#ready`), so
 * the first search after an open reads and hashes a few chunks instead of the whole file (it read, hashed and
 * decoded all 25 MB: ~0.36 s of a 0.6 s first search). A chunk whose bytes do not match its hash (bit flip,
 * truncation, the file replaced since) is never used: `damaged` is called, which rebuilds the postings from the
 * data file and puts them in place of the sections handed out.
 */
import {closeSync, fstatSync, openSync, readSync} from 'node:fs'
import {endianness} from 'node:os'
import type {FieldPostings, PostingsData} from './postingsData'
import {decodeSection, pad4, tablesBytes} from './postingsSections'
import {CHUNK_BYTES, contentIdentity, FORMAT, sha256, VERSION, type DataIdentity, type Header, type SectionShape} from './textPostingsFile'

/** A header holds ~70 bytes per chunk: this covers files far beyond a million articles. */
const MAX_HEADER_BYTES = 16 << 20

function readExactly(fd: number, into: Uint8Array, position: number): boolean {
  for (let done = 0; done < into.length; ) {
    const read = readSync(fd, into, done, into.length - done, position + done)
    if (read === 0) return false
    done += read
  }
  return true
}

/** The header line and where the body starts, or undefined. */
function readHeader(fd: number, size: number): {header: Header; bodyStart: number} | undefined {
  for (let length = 1 << 16; ; length *= 4) {
    const head = Buffer.alloc(Math.min(length, size))
    if (!readExactly(fd, head, 0)) return undefined
    const newline = head.indexOf(0x0a)
    if (newline >= 0) return {header: JSON.parse(head.toString('utf8', 0, newline)) as Header, bodyStart: newline + 1}
    if (head.length === size || length >= MAX_HEADER_BYTES) return undefined
  }
}

/**
 * The postings file's sections if it is for exactly the data content `data` names (by `contentIdentity`), with
 * `documents` document lines and the persisted `fields`, and its tables' hashes check out; otherwise undefined.
 * Never throws for a bad file. Postings chunks are read from `postingsFile` (by path, so nothing stays open) and
 * checked on use; `damaged` is called for a chunk that does not check out.
 */
export function readTrustedTextPostings(
  postingsFile: string,
  data: DataIdentity,
  documents: number,
  fields: readonly string[],
  damaged: () => void,
): PostingsData | undefined {
  let fd: number | undefined
  try {
    fd = openSync(postingsFile, 'r')
    const size = fstatSync(fd).size
    const {header, bodyStart} = readHeader(fd, size) ?? {}
    if (!header || header.format !== FORMAT || header.version !== VERSION || header.endianness !== endianness()) return undefined
    if (JSON.stringify(header.fields) !== JSON.stringify(fields) || header.documents !== documents) return undefined
    if (JSON.stringify(header.sections.map((shape) => shape.field)) !== JSON.stringify(fields)) return undefined
    if (contentIdentity(header.data) !== contentIdentity(data) || header.chunkBytes !== CHUNK_BYTES) return undefined
    if (bodyStart! + header.body.bytes !== size) return undefined
    let at = bodyStart!
    const sections: FieldPostings[] = []
    for (const shape of header.sections) {
      // A fresh Uint8Array starts at offset 0 of its own memory: the Int32 views need 4-byte alignment.
      const tables = new Uint8Array(tablesBytes(shape))
      if (!readExactly(fd, tables, at) || sha256(tables) !== shape.tablesSha256) return undefined
      at += tables.length
      const blob = new Uint8Array(pad4(shape.blobBytes))
      if (shape.chunkSha256.length !== Math.ceil(blob.length / CHUNK_BYTES)) return undefined
      const section = decodeSection(tables, shape, blob, documents)
      section.ready = chunkReader(postingsFile, at, shape, blob, damaged)
      sections.push(section)
      at += blob.length
    }
    return at === size ? {documents, fields: sections} : undefined
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** `ready` for a section whose padded blob starts at byte `blobStart` of the file: reads and checks missing chunks. */
function chunkReader(file: string, blobStart: number, shape: SectionShape, blob: Uint8Array, damaged: () => void): (start: number, end: number) => void {
  const loaded = new Uint8Array(shape.chunkSha256.length)
  return (start, end) => {
    const [first, last] = [Math.floor(start / CHUNK_BYTES), Math.floor((Math.max(end, start + 1) - 1) / CHUNK_BYTES)]
    let missing = first
    while (missing <= last && loaded[missing]) missing++
    if (missing > last) return
    if (!readChunks(file, blobStart, shape, blob, loaded, missing, last)) damaged()
  }
}

/** Reads chunks [first, last] not yet loaded in one read and checks each; false if any is damaged or unreadable. */
function readChunks(file: string, blobStart: number, shape: SectionShape, blob: Uint8Array, loaded: Uint8Array, first: number, last: number): boolean {
  const [from, to] = [first * CHUNK_BYTES, Math.min(blob.length, (last + 1) * CHUNK_BYTES)]
  // Read into a separate buffer: bytes that do not check out must never be visible in the blob.
  const bytes = new Uint8Array(to - from)
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    if (!readExactly(fd, bytes, blobStart + from)) return false
  } catch {
    return false
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  for (let chunk = first; chunk <= last; chunk++) {
    if (loaded[chunk]) continue
    const offset = chunk * CHUNK_BYTES - from
    const part = bytes.subarray(offset, Math.min(bytes.length, offset + CHUNK_BYTES))
    if (sha256(part) !== shape.chunkSha256[chunk]) return false
    blob.set(part, from + offset)
    loaded[chunk] = 1
  }
  return true
}
