/**
 * The text postings file beside a dataset (`<file>.postings`): for each persisted text field (`textPostings.ts`)
 * every upper-case token key with the documents holding it (by line ordinal in the data file) and how many tokens
 * of that document share the key, so a reopened dataset answers `match` and ranks search without parsing
 * documents. Like the key index (`keyIndexFile.ts`) it is a cache, never a source of truth: trusted only when its
 * own header, version and field list check out and it names exactly the data file content the key index vouched
 * for (size, edge hash and whole-content hash; the key index has already matched those to the bytes on disk by
 * stamp or by hashing), with the same number of document lines, and only as far as its SHA-256s check out: each
 * section's tables when they are read, each 64 KiB chunk of postings when a lookup first reads it
 * (`textPostingsRead.ts`). Otherwise it is rebuilt.
 *
 * Layout: one JSON header line (with the hashes), then per field a section of Int32 (native order, recorded): key
 * boundaries in the key text (keys + 1, UTF-16 units), posting offsets in the blob (keys + 1), largest count per
 * key, postings per key, flags per key (1: some token under the key is not plain), ordinals of documents whose
 * field mixes strings with other values; then the keys' UTF-8 text (the "tables" end here) and the postings blob,
 * each padded to 4 bytes. A key's postings are varints in ordinal order: `gap * 2 + (count > 1)`, then `count`
 * when it is above 1.
 */
import {createHash} from 'node:crypto'
import {renameSync, writeFileSync} from 'node:fs'
import {endianness} from 'node:os'
import {basename, dirname, join} from 'node:path'
import type {PostingsData} from './postingsData'
import {decode, pad4} from './postingsSections'

export const FORMAT = 'china-desk lake text postings'
/** Bump when tokenising, counting or the layout changes: every existing postings file is then rebuilt. */
export const VERSION = 2
/** Postings are hashed, read and verified in chunks of this many bytes of a section's (padded) blob. */
export const CHUNK_BYTES = 1 << 16

export const textPostingsFileOf = (datasetFile: string): string => `${datasetFile}.postings`

/** What the data file is, as the key index records it: content fields are compared, stamp fields ignored. */
export type DataIdentity = object
const STAMP_FIELDS = new Set(['ino', 'mtimeMs', 'ctimeMs'])
/** The identity's content part (size, edge hash, content hash…), in a stable form. */
export const contentIdentity = (data: DataIdentity): string =>
  JSON.stringify(Object.entries(data).filter(([key]) => !STAMP_FIELDS.has(key)).sort(([a], [b]) => (a < b ? -1 : 1)))

export interface SectionShape {
  field: string
  keys: number
  mixed: number
  keyTextBytes: number
  blobBytes: number
  /** SHA-256 of the section's tables (its Int32 lists and padded key text). */
  tablesSha256: string
  /** SHA-256 of each CHUNK_BYTES of its padded blob. */
  chunkSha256: string[]
}
export interface Header {
  format: string
  version: number
  endianness: string
  fields: string[]
  data: DataIdentity
  documents: number
  chunkBytes: number
  sections: SectionShape[]
  body: {bytes: number}
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function chunkHashes(blob: Buffer): string[] {
  const hashes: string[] = []
  for (let at = 0; at < blob.length; at += CHUNK_BYTES) hashes.push(sha256(blob.subarray(at, at + CHUNK_BYTES)))
  return hashes
}

function encode(data: PostingsData): {body: Buffer; sections: SectionShape[]} | undefined {
  const parts: Buffer[] = []
  const sections: SectionShape[] = []
  for (const section of data.fields) {
    // Postings read lazily from a file are written out whole (never happens today: only built ones are written).
    section.ready?.(0, section.blob.length)
    const {keys, offsets, maxCounts, sizes, flags, mixed, blob} = section
    const joined = keys.join('')
    // A key UTF-8 cannot carry (a lone surrogate) would come back different: such a dataset goes without.
    if (/[\uD800-\uDFFF]/.test(joined) && !keys.every((key) => (key as unknown as {isWellFormed(): boolean}).isWellFormed())) return undefined
    const text = Buffer.from(joined)
    const ints = new Int32Array(2 * (keys.length + 1) + 3 * keys.length + mixed.length)
    let at = 0
    let bound = 0
    for (const key of keys) ((ints[at++] = bound), (bound += key.length))
    ints[at++] = bound
    for (const list of [offsets, maxCounts, sizes, flags, mixed]) (ints.set(list, at), (at += list.length))
    const tables = Buffer.concat([Buffer.from(ints.buffer), padded(text)])
    const blobBytes = padded(Buffer.from(blob.buffer, blob.byteOffset, blob.length))
    parts.push(tables, blobBytes)
    sections.push({
      field: section.field,
      keys: keys.length,
      mixed: mixed.length,
      keyTextBytes: text.length,
      blobBytes: blob.length,
      tablesSha256: sha256(tables),
      chunkSha256: chunkHashes(blobBytes),
    })
  }
  return {body: Buffer.concat(parts), sections}
}

function padded(bytes: Buffer): Buffer {
  const length = pad4(bytes.length)
  return length === bytes.length ? bytes : Buffer.concat([bytes, Buffer.alloc(length - bytes.length)])
}

/** The header as one line padded with spaces so that the body after it starts 4-byte aligned (Int32 views, no copy). */
function headerLine(header: Header): Buffer {
  const json = Buffer.from(JSON.stringify(header))
  const line = Buffer.alloc(pad4(json.length + 1), 0x20)
  json.copy(line)
  line[line.length - 1] = 0x0a
  return line
}

/**
 * Writes the postings of the data file `data` identifies, and returns them as read back from the written body
 * (the caller keeps that, not the builder's buffers). Best effort like the key index: undefined when the postings
 * cannot be stored (lone surrogate, read-only folder); the caller then keeps `postings` in memory only.
 */
export function writeTextPostings(postingsFile: string, data: DataIdentity, postings: PostingsData): PostingsData | undefined {
  try {
    const encoded = encode(postings)
    if (!encoded) return undefined
    const header: Header = {
      format: FORMAT,
      version: VERSION,
      endianness: endianness(),
      fields: postings.fields.map((section) => section.field),
      data,
      documents: postings.documents,
      chunkBytes: CHUNK_BYTES,
      sections: encoded.sections,
      body: {bytes: encoded.body.length},
    }
    const temp = join(dirname(postingsFile), `.${basename(postingsFile)}.${process.pid}.tmp`)
    writeFileSync(temp, Buffer.concat([headerLine(header), encoded.body]))
    renameSync(temp, postingsFile)
    // Buffer.concat's result starts at offset 0 of its own memory: the Int32 views need that alignment.
    return decode(encoded.body.byteOffset % 4 === 0 ? encoded.body : Uint8Array.from(encoded.body), header)
  } catch {
    return undefined
  }
}
