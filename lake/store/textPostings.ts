/**
 * The text postings of one loaded data file (`TextPostings`), found by the file the documents read from. A load
 * attaches them (`attachTextPostings`): built while the first open parses every line anyway, or read lazily from
 * the postings file (`textPostingsFile.ts`) when a text index of a persisted field is first needed, so a reopen
 * pays nothing until the first search and that search parses no document. A postings file that is missing, stale,
 * corrupt or foreign is rebuilt then by parsing every line once (and written for the next open). Compaction and the
 * close fold carry the postings over to the new file (`carryTextPostings` in `postingsCarry.ts`: unchanged lines keep their postings under
 * new ordinals, only documents written since are parsed).
 *
 * Which fields: the stored search fields (`schemas/search/searchTextFor.ts`), what search matches. A text index of
 * any other field is built from the documents on first use, as before.
 */
import {statSync} from 'node:fs'
import {joinPostingBlocks} from './postingsBlocks'
import {PERSISTED_TEXT_FIELDS, PostingsBuilder, type FieldPostings, type PostingsData} from './postingsData'
import type {DocumentSource, StoredDocument} from './storedDocument'
import {textPostingsFileOf, writeTextPostings, type DataIdentity} from './textPostingsFile'
import {readTrustedTextPostings} from './textPostingsRead'
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
    const trusted = readTrustedTextPostings(file, this.identity, this.documents.length, PERSISTED_TEXT_FIELDS, () => this.damaged(trusted!))
    if (trusted) {
      textIndexStats.postingsRead++
      this.loadedFrom = 'file'
      return (this.data = trusted)
    }
    return (this.data = this.rebuild())
  }

  /** Postings by parsing every line (written beside the data file for the next open). */
  private rebuild(): PostingsData {
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
    return (this.stillOnDisk() && writeTextPostings(textPostingsFileOf(this.datasetFile), this.identity, built)) || built
  }

  /**
   * A chunk of the file's postings did not check out on use: rebuilt from the data file, and put in place of the
   * sections read from the file (text indexes hold those). The file's tables checked out, so the rebuilt sections
   * have the same keys in the same places and the lookup under way goes on; if they do not, that lookup fails
   * rather than read one key's postings for another.
   */
  private damaged(fromFile: PostingsData): void {
    const rebuilt = this.rebuild()
    this.data = rebuilt
    let same = true
    for (const section of fromFile.fields) {
      const fresh = rebuilt.fields.find((candidate) => candidate.field === section.field)!
      same &&= sameKeys(section, fresh)
      Object.assign(section, fresh, {ready: undefined})
    }
    if (!same) throw new Error(`${textPostingsFileOf(this.datasetFile)}: damaged text postings were rebuilt from the data file; run the query again`)
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

function sameKeys(a: FieldPostings, b: FieldPostings): boolean {
  if (a.keys.length !== b.keys.length || a.offsets.length !== b.offsets.length) return false
  for (let i = 0; i < a.keys.length; i++) if (a.keys[i] !== b.keys[i]) return false
  for (let i = 0; i < a.offsets.length; i++) if (a.offsets[i] !== b.offsets[i]) return false
  return true
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
