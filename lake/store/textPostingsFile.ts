/**
 * The text postings file beside a dataset (`<file>.postings`): for each persisted text field (`textPostings.ts`)
 * every upper-case token key with the documents holding it (by line ordinal in the data file) and how many tokens
 * of that document share the key, so a reopened dataset answers `match` and ranks search without parsing
 * documents. Like the key index (`keyIndexFile.ts`) it is a cache, never a source of truth: trusted only when its
 * own header, version, field list and SHA-256 check out and it names exactly the data file content the key index
 * vouched for (size, edge hash and whole-content hash; the key index has already matched those to the bytes on
 * disk by stamp or by hashing), with the same number of document lines. Otherwise it is rebuilt.
 *
 * Layout: one JSON header line, then per field a section of Int32 (native order, recorded): key boundaries in
 * the key text (keys + 1, UTF-16 units), posting offsets in the blob (keys + 1), largest count per key, postings
 * per key, flags per key (1: some token under the key is not plain), ordinals of documents whose field mixes
 * strings with other values; then the keys' UTF-8 text and the postings blob, each padded to 4 bytes. A key's
 * postings are varints in ordinal order: `gap * 2 + (count > 1)`, then `count` when it is above 1.
 */
import {createHash} from 'node:crypto'
import {readFileSync, renameSync, writeFileSync} from 'node:fs'
import {endianness} from 'node:os'
import {basename, dirname, join} from 'node:path'
import type {FieldPostings, PostingsData} from './postingsData'

const FORMAT = 'china-desk lake text postings'
/** Bump when tokenising or counting changes meaning: every existing postings file is then rebuilt. */
const VERSION = 1

export const textPostingsFileOf = (datasetFile: string): string => `${datasetFile}.postings`

/** What the data file is, as the key index records it: content fields are compared, stamp fields ignored. */
export type DataIdentity = object
const STAMP_FIELDS = new Set(['ino', 'mtimeMs', 'ctimeMs'])
/** The identity's content part (size, edge hash, content hash…), in a stable form. */
export const contentIdentity = (data: DataIdentity): string =>
  JSON.stringify(Object.entries(data).filter(([key]) => !STAMP_FIELDS.has(key)).sort(([a], [b]) => (a < b ? -1 : 1)))

interface SectionShape {
  field: string
  keys: number
  mixed: number
  keyTextBytes: number
  blobBytes: number
}
interface Header {
  format: string
  version: number
  endianness: string
  fields: string[]
  data: DataIdentity
  documents: number
  sections: SectionShape[]
  body: {bytes: number; sha256: string}
}

const pad4 = (n: number) => (n + 3) & ~3
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function encode(data: PostingsData): {body: Buffer; sections: SectionShape[]} | undefined {
  const parts: Buffer[] = []
  const sections: SectionShape[] = []
  for (const section of data.fields) {
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
    parts.push(Buffer.from(ints.buffer), padded(text), padded(Buffer.from(blob.buffer, blob.byteOffset, blob.length)))
    sections.push({field: section.field, keys: keys.length, mixed: mixed.length, keyTextBytes: text.length, blobBytes: blob.length})
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

/** Decodes a body (4-byte aligned in memory); throws on any inconsistency. */
function decode(body: Uint8Array, header: Header): PostingsData {
  const fields: FieldPostings[] = []
  let at = 0
  const ints = (n: number) => {
    if (at + 4 * n > body.length) throw new Error('short body')
    const list = new Int32Array(body.buffer, body.byteOffset + at, n)
    at += 4 * n
    return list
  }
  for (const shape of header.sections) {
    const {keys: n, mixed: m} = shape
    const [bounds, offsets, maxCounts, sizes, flags, mixed] = [ints(n + 1), ints(n + 1), ints(n), ints(n), ints(n), ints(m)]
    const text = Buffer.from(body.buffer, body.byteOffset + at, shape.keyTextBytes).toString('utf8')
    at += pad4(shape.keyTextBytes)
    const blob = body.subarray(at, at + shape.blobBytes)
    at += pad4(shape.blobBytes)
    const keys = new Array<string>(n)
    for (let i = 0; i < n; i++) {
      if (!(bounds[i] >= 0 && bounds[i] <= bounds[i + 1] && offsets[i] >= 0 && offsets[i] <= offsets[i + 1])) throw new Error('bad key table')
      keys[i] = text.slice(bounds[i], bounds[i + 1])
    }
    if (bounds[n] !== text.length || offsets[n] !== blob.length || blob.length !== shape.blobBytes) throw new Error('bad section')
    for (const ordinal of mixed) if (!(ordinal >= 0 && ordinal < header.documents)) throw new Error('bad ordinal')
    fields.push({field: shape.field, keys, offsets, maxCounts, sizes, flags, mixed, blob})
  }
  if (at !== body.length) throw new Error('trailing bytes')
  return {documents: header.documents, fields}
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
      sections: encoded.sections,
      body: {bytes: encoded.body.length, sha256: sha256(encoded.body)},
    }
    const temp = join(dirname(postingsFile), `.${basename(postingsFile)}.${process.pid}.tmp`)
    writeFileSync(temp, Buffer.concat([headerLine(header), encoded.body]))
    renameSync(temp, postingsFile)
    return decode(encoded.body, header)
  } catch {
    return undefined
  }
}

/**
 * The postings file's content if it is for exactly the data content `data` names (by `contentIdentity`), with
 * `documents` document lines and the persisted `fields`; otherwise undefined. Never throws for a bad file.
 */
export function readTrustedTextPostings(postingsFile: string, data: DataIdentity, documents: number, fields: readonly string[]): PostingsData | undefined {
  try {
    const file = readFileSync(postingsFile)
    const newline = file.indexOf(0x0a)
    if (newline === -1) return undefined
    const header = JSON.parse(file.toString('utf8', 0, newline)) as Header
    if (header.format !== FORMAT || header.version !== VERSION || header.endianness !== endianness()) return undefined
    if (JSON.stringify(header.fields) !== JSON.stringify(fields) || header.documents !== documents) return undefined
    if (contentIdentity(header.data) !== contentIdentity(data)) return undefined
    // The header line is padded so that the body starts 4-byte aligned; copied only if the buffer itself is not.
    let body: Uint8Array = file.subarray(newline + 1)
    if (body.byteOffset % 4 !== 0) body = Uint8Array.from(body)
    if (body.length !== header.body.bytes || sha256(body) !== header.body.sha256) return undefined
    return decode(body, header)
  } catch {
    return undefined
  }
}
