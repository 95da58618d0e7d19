/**
 * A first open parses the data file in blocks, possibly on worker threads (`datasetScan.ts`, `parallelScan.ts`);
 * each block's documents are tokenised where they are parsed, into postings numbered from the block's first line
 * (`PostingsBuilder`). `joinPostingBlocks` makes the file's postings of them: a key's lists are concatenated
 * with only each block's first gap re-encoded (the other varints are gaps within the block and stay as they are),
 * so joining costs a copy of the bytes, not a decode. Also what a worker transfers rather than copies.
 */
import {PERSISTED_TEXT_FIELDS, PostingsBuilder, type FieldPostings, type PostingsData} from './postingsData'
import type {Doc} from '../types'

/** A block's postings builder: `add` each parsed document line in order, then `finish`. */
export const blockPostings = (): {add(doc: Doc): void; finish(): PostingsData} => {
  const builder = new PostingsBuilder(PERSISTED_TEXT_FIELDS)
  return {add: (doc) => builder.addDocument(doc), finish: () => builder.finish()}
}

/** The buffers a worker can transfer with a block's postings. */
export const postingsTransfer = (data: PostingsData): ArrayBuffer[] =>
  data.fields.flatMap((section) => [section.offsets, section.maxCounts, section.sizes, section.flags, section.mixed, section.blob, section.lasts!].map((list) => list.buffer as ArrayBuffer))

/** Reads the varint at `at`: [value, bytes]. */
function readVarint(blob: Uint8Array, at: number): [number, number] {
  let [value, shift, position] = [0, 0, at]
  for (;;) {
    const byte = blob[position++]
    value += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) return [value, position - at]
    shift += 7
  }
}

function writeVarint(blob: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) ((blob[at++] = (value & 0x7f) | 0x80), (value = Math.floor(value / 128)))
  blob[at++] = value
  return at
}

/** The postings of consecutive blocks (each numbered from 0, made by `PostingsBuilder`) as one file's. */
export function joinPostingBlocks(blocks: PostingsData[]): PostingsData {
  const firstOrdinals: number[] = []
  let documents = 0
  for (const block of blocks) (firstOrdinals.push(documents), (documents += block.documents))
  const fields = PERSISTED_TEXT_FIELDS.map((field, f) => joinField(field, blocks.map((block) => block.fields[f]), firstOrdinals))
  return {documents, fields}
}

function joinField(field: string, sections: FieldPostings[], firstOrdinals: number[]): FieldPostings {
  const keys = [...new Set(sections.flatMap((section) => section.keys))].sort()
  const n = keys.length
  const [offsets, maxCounts, sizes, flags, lasts] = [new Int32Array(n + 1), new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n)]
  // Every block's bytes, plus room for each re-encoded first gap growing by up to 5 bytes.
  const room = sections.reduce((sum, section) => sum + section.blob.length + 5 * section.keys.length, 0)
  const blob = new Uint8Array(room)
  const cursors = sections.map(() => 0)
  let at = 0
  keys.forEach((key, k) => {
    offsets[k] = at
    let last = -1
    sections.forEach((section, b) => {
      const position = cursors[b]
      if (section.keys[position] !== key) return
      cursors[b]++
      const [start, end] = [section.offsets[position], section.offsets[position + 1]]
      const [code, length] = readVarint(section.blob, start)
      const ordinal = firstOrdinals[b] + Math.floor(code / 2)
      at = writeVarint(blob, at, (ordinal - last - 1) * 2 + (code % 2))
      blob.set(section.blob.subarray(start + length, end), at)
      at += end - start - length
      last = firstOrdinals[b] + section.lasts![position]
      if (section.maxCounts[position] > maxCounts[k]) maxCounts[k] = section.maxCounts[position]
      sizes[k] += section.sizes[position]
      flags[k] |= section.flags[position]
    })
    lasts[k] = last
  })
  offsets[n] = at
  const mixed = Int32Array.from(sections.flatMap((section, b) => Array.from(section.mixed, (ordinal) => firstOrdinals[b] + ordinal)))
  return {field, keys, offsets, maxCounts, sizes, flags, mixed, blob: blob.slice(0, at), lasts}
}
