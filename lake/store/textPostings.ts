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
import {carryField} from './postingsCarry'
import {PERSISTED_TEXT_FIELDS, PostingsBuilder, type FieldPostings, type PostingsData} from './postingsData'
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
  const fields = PERSISTED_TEXT_FIELDS.map((field, f) =>
    carryField(field, oldData?.fields.find((section) => section.field === field), freshData.fields[f], newOrdinal),
  )
  return {documents: documents.length, fields}
}
