/**
 * The sections of a text postings file (`textPostingsFile.ts` has the layout) made into `FieldPostings`: from a
 * whole body in memory (what was just written), or one section at a time from its tables and a blob the reader
 * fills on use (`textPostingsRead.ts`).
 */
import type {FieldPostings, PostingsData} from './postingsData'
import type {Header, SectionShape} from './textPostingsFile'

export const pad4 = (n: number) => (n + 3) & ~3

/** Bytes of a section's tables: its Int32 lists, then its padded key text. */
export const tablesBytes = (shape: Pick<SectionShape, 'keys' | 'mixed' | 'keyTextBytes'>): number =>
  4 * (2 * (shape.keys + 1) + 3 * shape.keys + shape.mixed) + pad4(shape.keyTextBytes)

/**
 * A section from its tables (4-byte aligned in memory) and its blob (possibly still unread: `ready` reads what a
 * lookup needs first); throws on any inconsistency.
 */
export function decodeSection(tables: Uint8Array, shape: SectionShape, blob: Uint8Array, documents: number): FieldPostings {
  let at = 0
  const ints = (n: number) => {
    if (at + 4 * n > tables.length) throw new Error('short tables')
    const list = new Int32Array(tables.buffer, tables.byteOffset + at, n)
    at += 4 * n
    return list
  }
  const {keys: n, mixed: m} = shape
  const [bounds, offsets, maxCounts, sizes, flags, mixed] = [ints(n + 1), ints(n + 1), ints(n), ints(n), ints(n), ints(m)]
  const text = Buffer.from(tables.buffer, tables.byteOffset + at, shape.keyTextBytes).toString('utf8')
  const keys = new Array<string>(n)
  for (let i = 0; i < n; i++) {
    if (!(bounds[i] >= 0 && bounds[i] <= bounds[i + 1] && offsets[i] >= 0 && offsets[i] <= offsets[i + 1])) throw new Error('bad key table')
    keys[i] = text.slice(bounds[i], bounds[i + 1])
  }
  if (bounds[n] !== text.length || offsets[n] !== shape.blobBytes || blob.length < shape.blobBytes) throw new Error('bad section')
  for (const ordinal of mixed) if (!(ordinal >= 0 && ordinal < documents)) throw new Error('bad ordinal')
  return {field: shape.field, keys, offsets, maxCounts, sizes, flags, mixed, blob: blob.subarray(0, shape.blobBytes)}
}

/** A whole body in memory (what was just written) as postings. */
export function decode(body: Uint8Array, header: Header): PostingsData {
  let at = 0
  const fields = header.sections.map((shape) => {
    const tables = body.subarray(at, (at += tablesBytes(shape)))
    const blob = body.subarray(at, (at += pad4(shape.blobBytes)))
    return decodeSection(tables, shape, blob, header.documents)
  })
  if (at !== body.length) throw new Error('trailing bytes')
  return {documents: header.documents, fields}
}
