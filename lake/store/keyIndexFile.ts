/**
 * The key index file beside a dataset (`<file>.index`): for every document line its byte range and the keys
 * `StoredDocument` keeps (`DocumentKeys`), so an unchanged dataset opens without reading or parsing its documents.
 * It is a cache the lake owns, never a source of truth: it is used only when it describes exactly the bytes of the
 * data file now on disk, and is rebuilt (by the full load) otherwise. Checks, all of which must pass:
 * - its own header (format, version, the list of sort fields, byte order) and a SHA-256 of each body segment;
 * - the data file's size and a hash of its first and last 64 KiB;
 * - the data file's inode, mtime and ctime as recorded when the index was written (ctime cannot be set back by
 *   hand, so an edit, `touch -r`, a copy or a line swap all change it), or else the content hash of the whole data
 *   file (`blockHash.ts`: SHA-256 over its blocks' SHA-256s) equal to the recorded one (a copied or checked-out
 *   dataset: then the index is re-stamped for next time).
 * `sanity dataset import` and `npm run export` never see it: they read the NDJSON file (or the documents) only.
 *
 * Layout: one JSON header line (with each segment's shape), then the segments' bodies (`keyIndexSegment.ts`) one
 * after another, each a run of consecutive lines; a first open on several threads writes one per block it parsed.
 */
import {createHash} from 'node:crypto'
import {closeSync, openSync, readFileSync, renameSync, rmSync, writevSync} from 'node:fs'
import {open, rename, rm} from 'node:fs/promises'
import {endianness} from 'node:os'
import {basename, dirname, join} from 'node:path'
import {contentHashOf} from './blockHash'
import {readSegmentRows, type EncodedSegment, type RowVisitor, type SegmentShape} from './keyIndexSegment'
import {readFully} from './lineBlock'
import {ORDERED_FIELDS} from './indexKeys'

export {encodeSegment, type EncodedSegment, type IndexedLine} from './keyIndexSegment'
export {contentHashOf} from './blockHash'

const FORMAT = 'china-desk lake key index'
/** Bump when what `keysOfDocument` extracts or the layout changes meaning: every existing index file is then rebuilt. */
const VERSION = 3
const EDGE_BYTES = 64 * 1024
const NEWLINE = 0x0a

export const keyIndexFileOf = (datasetFile: string): string => `${datasetFile}.index`

/** The data file the index describes. */
export interface DataFileIdentity {
  size: number
  ino: number
  mtimeMs: number
  ctimeMs: number
  /** SHA-256 (hex) of the first and last EDGE_BYTES. */
  edges: string
  /** Content hash (hex) of the whole file, over blocks of `hashBlockBytes`. */
  sha256: string
  hashBlockBytes: number
}

interface Header {
  format: string
  version: number
  fields: readonly string[]
  endianness: string
  data: DataFileIdentity
  segments: SegmentShape[]
}

/** A hash of the first and last 64 KiB of the open file: catches an in-place edit near either end cheaply. */
export function edgeHashOf(fd: number, size: number): string {
  const hash = createHash('sha256')
  const head = Buffer.allocUnsafe(Math.min(size, EDGE_BYTES))
  readFully(fd, head, 0)
  hash.update(head)
  const tailStart = Math.max(head.length, size - EDGE_BYTES)
  const tail = Buffer.allocUnsafe(size - tailStart)
  readFully(fd, tail, tailStart)
  return hash.update(tail).digest('hex')
}

const headerLine = (data: DataFileIdentity, segments: readonly EncodedSegment[]): Buffer => {
  const header: Header = {format: FORMAT, version: VERSION, fields: ORDERED_FIELDS, endianness: endianness(), data, segments: segments.map((s) => s.shape)}
  const json = Buffer.from(JSON.stringify(header))
  // Padded with spaces so that every segment starts 4-byte aligned: the reader's Int32 views need no copy.
  const line = Buffer.alloc((json.length + 1 + 3) & ~3, 0x20)
  json.copy(line)
  line[line.length - 1] = NEWLINE
  return line
}
const tempOf = (indexFile: string): string => join(dirname(indexFile), `.${basename(indexFile)}.${process.pid}.tmp`)

/**
 * Writes the index (temp file + rename) from `segments` (in file order) of the data file `data` describes, or
 * removes a stale one when `segments` is undefined (a key the format cannot carry). Best effort: a dataset in a
 * read-only folder just goes without an index (the next open scans).
 */
export function writeKeyIndex(indexFile: string, data: DataFileIdentity, segments: readonly EncodedSegment[] | undefined): void {
  try {
    if (!segments) return removeKeyIndex(indexFile)
    const temp = tempOf(indexFile)
    const fd = openSync(temp, 'w')
    try {
      // Segment by segment from where the scan left them: no 40 MB concatenation first.
      const parts = [headerLine(data, segments), ...segments.map((s) => s.body)]
      for (let i = 0; i < parts.length; i += 64) writeFully(fd, parts.slice(i, i + 64))
    } finally {
      closeSync(fd)
    }
    renameSync(temp, indexFile)
  } catch {
    // Only a cache: a failure to write it costs the next open a scan, nothing else.
  }
}

let laterWrites = 0

/**
 * The same after the open returned (a first open's 40 MB index cost its caller ~0.5 s of writes): the bytes go out
 * on libuv's threads while the caller goes on, to a temp file renamed into place only when complete and while
 * `stillCurrent()` (the data file is still the one described). A process that dies first leaves at most a temp
 * file nobody reads; the index a reader trusts is always whole (and its header and SHA-256s are checked anyway).
 * Never rejects: only a cache.
 */
export async function writeKeyIndexLater(indexFile: string, data: DataFileIdentity, segments: readonly EncodedSegment[] | undefined, stillCurrent: () => boolean): Promise<void> {
  if (!segments) return removeKeyIndex(indexFile)
  // One temp file per write: two opens of the file in one process must not interleave their bytes.
  const temp = `${tempOf(indexFile)}.${++laterWrites}`
  try {
    const handle = await open(temp, 'w')
    try {
      let pending = [headerLine(data, segments), ...segments.map((s) => s.body)].filter((part) => part.length > 0)
      while (pending.length > 0) {
        let {bytesWritten} = await handle.writev(pending.slice(0, 64))
        while (pending.length > 0 && bytesWritten >= pending[0].length) bytesWritten -= pending.shift()!.length
        if (pending.length > 0 && bytesWritten > 0) pending[0] = pending[0].subarray(bytesWritten)
      }
    } finally {
      await handle.close()
    }
    if (stillCurrent()) await rename(temp, indexFile)
  } catch {
    // A failure to write it costs the next open a scan, nothing else.
  } finally {
    await rm(temp, {force: true}).catch(() => undefined)
  }
}

function writeFully(fd: number, parts: Uint8Array[]): void {
  let pending = parts.filter((part) => part.length > 0)
  while (pending.length > 0) {
    let written = writevSync(fd, pending)
    // A short write: drop what went out and continue with the rest.
    while (pending.length > 0 && written >= pending[0].length) written -= pending.shift()!.length
    if (pending.length > 0 && written > 0) pending[0] = pending[0].subarray(written)
  }
}

export function removeKeyIndex(indexFile: string): void {
  try {
    rmSync(indexFile, {force: true})
  } catch {
    // Cannot remove (read-only folder): it will not match the data file anyway.
  }
}

export interface TrustedIndex {
  documents: number
  /** Calls `line` for every document line in file order; false (nothing more called) if a row is inconsistent. */
  forEachLine(line: RowVisitor): boolean
  /** The data file matched by its content hash, not its stamp (a copy): re-stamp the index for the next open. */
  restamped: boolean
  restamp(): void
  /** The data file as checked (stamp as now on disk): the text postings file is trusted only for the same content. */
  data: DataFileIdentity
}

/**
 * The index if it describes exactly the data file open as `fd` (whose stat is `stat`); otherwise undefined, and the
 * caller scans. Never throws for a bad index: a corrupt or foreign file is just not trusted.
 */
export function readTrustedKeyIndex(indexFile: string, fd: number, stat: Omit<DataFileIdentity, 'edges' | 'sha256' | 'hashBlockBytes'>): TrustedIndex | undefined {
  let file: Buffer
  try {
    file = readFileSync(indexFile)
  } catch {
    return undefined
  }
  try {
    const newline = file.indexOf(NEWLINE)
    if (newline === -1) return undefined
    const header = JSON.parse(file.toString('utf8', 0, newline)) as Header
    if (header.format !== FORMAT || header.version !== VERSION || header.endianness !== endianness()) return undefined
    if (JSON.stringify(header.fields) !== JSON.stringify(ORDERED_FIELDS)) return undefined
    const segments: EncodedSegment[] = []
    let offset = newline + 1
    for (const shape of header.segments) {
      const body = file.subarray(offset, offset + shape.bytes)
      if (body.length !== shape.bytes || createHash('sha256').update(body).digest('hex') !== shape.sha256) return undefined
      segments.push({body, shape})
      offset += shape.bytes
    }
    if (offset !== file.length) return undefined
    const data = header.data
    if (data.size !== stat.size || !(Number.isInteger(data.hashBlockBytes) && data.hashBlockBytes > 0)) return undefined
    if (data.edges !== edgeHashOf(fd, stat.size)) return undefined
    const sameStamp = data.ino === stat.ino && data.mtimeMs === stat.mtimeMs && data.ctimeMs === stat.ctimeMs
    if (!sameStamp && data.sha256 !== contentHashOf(fd, stat.size, data.hashBlockBytes)) return undefined
    return {
      documents: segments.reduce((sum, s) => sum + s.shape.documents, 0),
      forEachLine: (line) => {
        let previousEnd = 0
        for (const {body, shape} of segments) if ((previousEnd = readSegmentRows(body, shape, previousEnd, stat.size, line)) < 0) return false
        return true
      },
      restamped: !sameStamp,
      restamp: () => writeKeyIndex(indexFile, {...data, ...stat}, segments),
      data: {...data, ...stat},
    }
  } catch {
    return undefined
  }
}
