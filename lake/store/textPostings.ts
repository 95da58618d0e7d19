/**
 * The text postings of one loaded data file (`TextPostings`), found by the file the documents read from. A load
 * attaches them (`attachTextPostings`): built while the first open parses every line anyway, or read lazily from
 * the postings file (`textPostingsFile.ts`) when a text index of a persisted field is first needed, so a reopen
 * pays nothing until the first search and that search parses no document. A postings file that is missing, stale,
 * corrupt or foreign is rebuilt then by parsing every line once (and written for the next open). Compaction and the
 * close fold carry the postings over to the new file (`carryTextPostings`: unchanged lines keep their postings under
 * new ordinals, only documents written since are parsed).
 *
 * Which fields: the stored search fields (`schemas/search/searchTextFor.ts`), what search matches. A text index of
 * any other field is built from the documents on first use, as before.
 */
import {statSync} from 'node:fs'
import {joinPostingBlocks} from './postingsBlocks'
import {forEachPosting, IMPURE, keyPosition, PERSISTED_TEXT_FIELDS, PostingsBuilder, type FieldPostings, type PostingsData} from './postingsData'
import type {DocumentSource, StoredDocument} from './storedDocument'
import {readTrustedTextPostings, textPostingsFileOf, writeTextPostings, type DataIdentity} from './textPostingsFile'
import type {Doc} from '../types'

export {PERSISTED_TEXT_FIELDS}
/** Lines tokenised per builder in a rebuild: bounded memory, joined like a first open's blocks. */
const REBUILD_CHUNK = 4096

/** What text indexes cost so far in this process: tests assert a reopen parses nothing for search. */
export const textIndexStats = {
  /** Documents parsed to build text indexes or postings. */
  parsedDocuments: 0,
  /** Postings files read and trusted. */
  postingsRead: 0,
  /** Postings rebuilt by parsing every line (no trusted file). */
  postingsRebuilt: 0,
}

const attached = new WeakMap<DocumentSource, TextPostings>()

/** The postings of the data file `source` reads, if the load attached any. */
export const textPostingsOf = (source: DocumentSource | undefined): TextPostings | undefined => source && attached.get(source)

export class TextPostings {
  /** Byte offset of each line's start, by ordinal: a stored document's ordinal is found by its offset. */
  private readonly starts: Float64Array
  /** How these postings were obtained (undefined until first needed when lazily read). */
  loadedFrom: 'scan' | 'file' | 'rebuilt' | 'carried' | undefined

  constructor(
    private readonly datasetFile: string,
    readonly source: DocumentSource,
    private readonly identity: DataIdentity,
    /** The data file's document lines in order (for a rebuild). */
    private readonly documents: StoredDocument[],
    private data: PostingsData | undefined,
  ) {
    this.starts = Float64Array.from(documents, (stored) => stored.fileStart)
  }

  /** The postings of a persisted field (reading or rebuilding them on first call); undefined for other fields. */
  section(field: string): FieldPostings | undefined {
    if (!PERSISTED_TEXT_FIELDS.includes(field)) return undefined
    return this.postings().fields.find((section) => section.field === field)
  }

  postings(): PostingsData {
    if (this.data) return this.data
    const file = textPostingsFileOf(this.datasetFile)
    const trusted = readTrustedTextPostings(file, this.identity, this.documents.length, PERSISTED_TEXT_FIELDS)
    if (trusted) {
      textIndexStats.postingsRead++
      this.loadedFrom = 'file'
      return (this.data = trusted)
    }
    textIndexStats.postingsRebuilt++
    const blocks: PostingsData[] = []
    for (let from = 0; from < this.documents.length; from += REBUILD_CHUNK) {
      const builder = new PostingsBuilder(PERSISTED_TEXT_FIELDS)
      for (const stored of this.documents.slice(from, from + REBUILD_CHUNK)) builder.addDocument(JSON.parse(stored.json()) as Doc)
      blocks.push(builder.finish())
    }
    textIndexStats.parsedDocuments += this.documents.length
    const built = joinPostingBlocks(blocks)
    this.loadedFrom = 'rebuilt'
    // Written only while the data file is still the one loaded: another process may have compacted meanwhile and
    // written the postings of its new file, which must not be replaced by these.
    return (this.data = (this.stillOnDisk() && writeTextPostings(file, this.identity, built)) || built)
  }

  /** The ordinal of a document read from this file, or -1. */
  ordinalOf(stored: StoredDocument, hint = -1): number {
    if (stored.fileSource !== this.source) return -1
    const start = stored.fileStart
    if (this.starts[hint] === start) return hint
    let [low, high] = [0, this.starts.length]
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.starts[middle] < start) low = middle + 1
      else high = middle
    }
    return this.starts[low] === start ? low : -1
  }

  private stillOnDisk(): boolean {
    try {
      const {ino, size, mtimeMs, ctimeMs} = statSync(this.datasetFile)
      const known = this.identity as {ino?: number; size?: number; mtimeMs?: number; ctimeMs?: number}
      return ino === known.ino && size === known.size && mtimeMs === known.mtimeMs && ctimeMs === known.ctimeMs
    } catch {
      return false
    }
  }
}

/**
 * Attaches postings to a freshly loaded or written data file read through `source`: `built` (from a scan or
 * carried over by compaction) are written beside it now; without them the postings file is read on first use.
 */
export function attachTextPostings(
  datasetFile: string,
  source: DocumentSource,
  identity: DataIdentity,
  documents: StoredDocument[],
  built?: PostingsBuilder | PostingsData,
): void {
  let data: PostingsData | undefined
  if (built) {
    const postings = built instanceof PostingsBuilder ? built.finish() : built
    data = writeTextPostings(textPostingsFileOf(datasetFile), identity, postings) ?? postings
  }
  const postings = new TextPostings(datasetFile, source, identity, documents, data)
  if (built) postings.loadedFrom = built instanceof PostingsBuilder ? 'scan' : 'carried'
  attached.set(source, postings)
}

/**
 * The postings of `documents` written in this order as a new data file: lines of the file whose postings are
 * attached keep theirs (renumbered), every other document (written through the log, or from elsewhere) is read.
 */
export function carryTextPostings(documents: StoredDocument[]): PostingsData {
  const old = documents.map((stored) => textPostingsOf(stored.fileSource)).find((postings) => postings)
  const oldData = old?.postings()
  const newOrdinal = new Int32Array(oldData?.documents ?? 0).fill(-1)
  const fresh: number[] = []
  documents.forEach((stored, i) => {
    const ordinal = old ? old.ordinalOf(stored, i) : -1
    if (ordinal >= 0 && newOrdinal[ordinal] === -1) newOrdinal[ordinal] = i
    else fresh.push(i)
  })
  const freshPostings = new PostingsBuilder(PERSISTED_TEXT_FIELDS)
  for (const i of fresh) {
    const stored = documents[i]
    if (stored.fileSource) textIndexStats.parsedDocuments++
    freshPostings.documents = i
    freshPostings.addDocument(stored.doc())
  }
  const freshData = freshPostings.finish()
  const merged = new PostingsBuilder(PERSISTED_TEXT_FIELDS)
  PERSISTED_TEXT_FIELDS.forEach((field, f) => {
    const before = oldData?.fields.find((section) => section.field === field)
    const added = freshData.fields[f]
    const keys = new Set([...(before?.keys ?? []), ...added.keys])
    for (const key of [...keys].sort()) {
      let impure = false
      const collect = (section: FieldPostings | undefined, map: (ordinal: number) => number): number[] => {
        const pairs: number[] = []
        const at = section ? keyPosition(section, key) : -1
        if (at < 0) return pairs
        if (section!.flags[at] & IMPURE) impure = true
        forEachPosting(section!, at, (ordinal, count) => {
          const now = map(ordinal)
          if (now >= 0) pairs.push(now, count)
        })
        return inOrder(pairs)
      }
      const [a, b] = [collect(before, (ordinal) => newOrdinal[ordinal]), collect(added, (ordinal) => ordinal)]
      // Two runs in ordinal order (carried lines, documents read now), merged.
      let [i, j] = [0, 0]
      while (i < a.length || j < b.length) {
        if (j >= b.length || (i < a.length && a[i] < b[j])) (merged.append(f, key, a[i], a[i + 1], impure), (i += 2))
        else (merged.append(f, key, b[j], b[j + 1], impure), (j += 2))
      }
    }
    const mixed = [...(before?.mixed ?? [])].map((ordinal) => newOrdinal[ordinal]).filter((ordinal) => ordinal >= 0)
    merged.addMixed(f, [...mixed, ...added.mixed])
  })
  merged.documents = documents.length
  return merged.finish()
}

/** Flat (ordinal, count) pairs in ordinal order: carried lines keep their order unless a repeated `_id` moved one. */
function inOrder(pairs: number[]): number[] {
  let sorted = true
  for (let i = 2; i < pairs.length && sorted; i += 2) sorted = pairs[i] > pairs[i - 2]
  if (sorted) return pairs
  const order = Array.from({length: pairs.length / 2}, (_, i) => i).sort((x, y) => pairs[2 * x] - pairs[2 * y])
  return order.flatMap((i) => [pairs[2 * i], pairs[2 * i + 1]])
}
