/**
 * Compaction's and the close fold's half of the dataset files: the documents written out as a new data file (with
 * its key index and carried-over text postings), and the content hash tests compare with what an index recorded.
 */
import {closeSync, fstatSync, fsyncSync, openSync, renameSync, writeSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {BlockHasher, contentHashOf, HASH_BLOCK_BYTES} from './blockHash'
import {KEY_INDEX_MIN_BYTES, type LoadOptions} from './datasetOpen'
import {DatasetSource} from './datasetSource'
import type {FileStamp} from './fileStamp'
import {edgeHashOf, encodeSegment, keyIndexFileOf, writeKeyIndex} from './keyIndexFile'
import {displayPath, fsyncDirectory} from './ndjsonFile'
import type {StoredDocument} from './storedDocument'
import {carryTextPostings} from './postingsCarry'
import {attachTextPostings} from './textPostings'

/**
 * Writes `documents` (in dataset order) as the new data file (temp file, fsync, rename, fsync of the folder),
 * copying file-backed lines byte for byte, then points every file-backed document at its line in the new file
 * and writes the key index for it. Returns the new file's stamp and source.
 */
export function rewriteDataset(file: string, documents: StoredDocument[], options: LoadOptions = {}): {stamp: FileStamp; source: DatasetSource} {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
  const fd = openSync(temp, 'w+')
  const source = new DatasetSource(fd, displayPath(file))
  const ranges = new Array<number>(documents.length * 2)
  const hasher = new BlockHasher(options.scanBlockBytes ?? HASH_BLOCK_BYTES)
  try {
    let written = 0
    let pending: Buffer[] = []
    let pendingBytes = 0
    const flush = () => {
      const chunk = Buffer.concat(pending, pendingBytes)
      hasher.update(chunk)
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done, written + done)
      written += chunk.length
      pending = []
      pendingBytes = 0
    }
    documents.forEach((stored, i) => {
      const line = stored.lineBytes()
      ranges[2 * i] = written + pendingBytes
      ranges[2 * i + 1] = written + pendingBytes + line.length
      pending.push(line, NEWLINE_BYTES)
      pendingBytes += line.length + 1
      if (pendingBytes > 1 << 20) flush()
    })
    if (pendingBytes > 0) flush()
    fsyncSync(fd)
    renameSync(temp, file)
  } catch (error) {
    source.close()
    throw error
  }
  fsyncDirectory(dirname(file))
  const indexed = fstatSync(fd).size >= (options.keyIndexMinBytes ?? KEY_INDEX_MIN_BYTES)
  // Read before the documents move: unchanged lines keep their postings under their new line numbers.
  const textPostings = indexed ? carryTextPostings(documents) : undefined
  documents.forEach((stored, i) => stored.relocate(source, ranges[2 * i], ranges[2 * i + 1]))
  const {ino, size, mtimeMs, ctimeMs} = fstatSync(fd)
  const stamp = {ino, size, mtimeMs, ctimeMs}
  if (indexed) {
    const lines = documents.map((stored, i) => ({keys: stored.keys(), start: ranges[2 * i], end: ranges[2 * i + 1]}))
    const segment = encodeSegment(lines, 0)
    const identity = {...stamp, edges: edgeHashOf(fd, size), sha256: hasher.digest(), hashBlockBytes: hasher.blockBytes}
    writeKeyIndex(keyIndexFileOf(file), identity, segment && [segment])
    attachTextPostings(file, source, identity, documents, textPostings)
  }
  return {stamp, source}
}
const NEWLINE_BYTES = Buffer.from('\n')

/** The content hash of a data file (tests compare it with what the key index recorded). */
export function contentHashOfFile(file: string, blockBytes: number = HASH_BLOCK_BYTES): string {
  const fd = openSync(file, 'r')
  try {
    return contentHashOf(fd, fstatSync(fd).size, blockBytes)
  } finally {
    closeSync(fd)
  }
}
