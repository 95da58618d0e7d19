/**
 * One stored document, kept compact: a document loaded from the dataset file is its byte range there (read with a
 * positional read from the open file, see `datasetSource.ts`), parsed (and frozen) only when a query reads it.
 * What the indexes need (`_id`, `_type`, slug, references, the fields queries sort by, `_rev`) is kept as
 * `DocumentKeys` (`indexKeys.ts`, read through `storedDocumentKeys.ts`), taken from the key index file beside the
 * dataset (`keyIndexFile.ts`) or, when that cannot be trusted, from one parse of the line at load. Documents
 * written through the log are kept parsed.
 */
import type {Doc} from '../types'
import {keysFromParts, keysOfDocument, ORDERED_FIELD_INDEX, type DocumentKeys} from './indexKeys'
import type {SegmentRows} from './keyIndexSegment'
import type {ParsedCache} from './parsedCache'
import {StoredDocumentKeys, type SegmentRowKeys} from './storedDocumentKeys'
import {deepFreeze, movedLineError, topLevelFieldsOfLine, trimBytes} from './storedLine'
import type {FieldRequest} from './topLevelFields'

/**
 * Whole documents parsed from the file, and lines read for a few of their fields, since the process started (tests
 * count them: a sitemap page parses no whole document; a page run again reads no line).
 */
export const parseStats = {documents: 0, fieldReads: 0}

/** Where a file-backed document's bytes are: `source.read(start, end)` is its line (possibly with surrounding blanks). */
export interface DocumentSource {
  readonly cache: ParsedCache
  readonly where: string
  read(start: number, end: number): string
  bytes(start: number, end: number): Buffer
  /** The same bytes in a buffer the next call reuses. */
  peek(start: number, end: number): Buffer
}

export class StoredDocument extends StoredDocumentKeys {
  private constructor(
    keys: DocumentKeys | SegmentRowKeys,
    private source: DocumentSource | undefined,
    private start: number,
    private end: number,
    private held: Doc | undefined,
    /** Makes the document on first read (a draft shown under its published id: parsed only when read). */
    private readonly make?: () => Doc,
  ) {
    super(keys)
  }

  /** A document read from `source` bytes [start, end); `parsed` is that line parsed once, used for the keys only. */
  static fromLine(parsed: Doc, source: DocumentSource, start: number, end: number): StoredDocument {
    return new StoredDocument(keysOfDocument(parsed), source, start, end, undefined)
  }

  /** A document at `source` bytes [start, end) whose keys are there as objects (nothing parsed). */
  static fromKeys(keys: DocumentKeys, source: DocumentSource, start: number, end: number): StoredDocument {
    return new StoredDocument(keys, source, start, end, undefined)
  }

  /** A document at `source` bytes [start, end) whose keys are row `row` of a key index segment (checked already). */
  static fromRow(id: string, rows: SegmentRows, row: number, hasSeparatorKey: boolean, source: DocumentSource, start: number, end: number): StoredDocument {
    return new StoredDocument({id, hasSeparatorKey, rows, row}, source, start, end, undefined)
  }

  /** A document held as a (frozen) object: written through the log. */
  static fromObject(doc: Doc): StoredDocument {
    return new StoredDocument(keysOfDocument(doc), undefined, 0, 0, doc)
  }

  /**
   * `draft` as the drafts perspective shows it: `{...draft, _id: publishedId, _originalId: draft._id}`. Its keys
   * are the draft's with the id replaced (`_originalId` is a plain string: no reference, no sort field), so the
   * draft is parsed only when a query reads the overlay.
   */
  static draftOverlay(draft: StoredDocument, publishedId: string): StoredDocument {
    const sortValues = draft.sortValues.slice()
    sortValues[ORDERED_FIELD_INDEX._id] = publishedId
    const {type, slug, rev, references, fieldRefs, hasOwnScore} = draft
    const keys = keysFromParts({id: publishedId, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore})
    const make = () => {
      const doc = draft.doc()
      return Object.freeze({...doc, _id: publishedId, _originalId: doc._id})
    }
    return new StoredDocument(keys, undefined, 0, 0, undefined, make)
  }

  /** The data file this document's line is read from (undefined when held or a draft overlay): text postings name lines by it. */
  get fileSource(): DocumentSource | undefined {
    return this.source
  }

  /** Where that line starts in it. */
  get fileStart(): number {
    return this.start
  }

  /**
   * The same bytes now live at [start, end) of another file (compaction wrote them there): read from it from now
   * on, so the old file can be released. Parsed results are equal either way.
   */
  relocate(source: DocumentSource, start: number, end: number): void {
    if (this.held || this.make) return
    this.source = source
    this.start = start
    this.end = end
  }

  /** The document, parsed and frozen on first read (and re-parsed if the bounded cache let it go); `keep`: cache it now. */
  doc(keep = false): Doc {
    if (this.held) return this.held
    if (this.make) return (this.held = this.make())
    const source = this.source!
    const cached = source.cache.get(this)
    if (cached) return cached
    parseStats.documents++
    const doc = JSON.parse(source.read(this.start, this.end)) as Doc
    // The key index said this document is here; if the file says otherwise it changed behind the lake's back.
    if (doc?._id !== this.id) throw movedLineError(source.where, this.id, this.start)
    deepFreeze(doc)
    source.cache.set(this, doc, keep)
    return doc
  }

  /**
   * An object with the top-level fields `request` names, as the document has them (absent ones absent): the parsed
   * document when it is at hand, else only those fields parsed out of the line (`topLevelFields.ts`), frozen and not
   * cached. A reader of a few fields of many documents (a sitemap page) then parses no whole document. When the
   * same fields of it were read last time, it is parsed whole instead and kept in the cache (`parsedCache.ts`):
   * a page that projects the same documents on every run reads them from memory from its third run on.
   */
  fields(request: FieldRequest): Doc {
    if (this.held || this.make) return this.doc()
    const source = this.source!
    const cached = source.cache.get(this)
    if (cached) return cached
    if (this.lastFields === request) return this.doc(true)
    this.lastFields = request
    parseStats.fieldReads++
    return topLevelFieldsOfLine(source.peek(this.start, this.end), request, this, source.where, this.start) ?? this.doc()
  }

  /** The fields read last from the line (requests are interned by their names: `fieldRequest`). */
  private lastFields: FieldRequest | undefined = undefined

  /** Whether each kept top-level sort value that is null means null or missing (not an object or array): known once the line was read. */
  keptNullsAreNull = false

  /** The document as one NDJSON line (without the newline), without parsing when it came from the file. */
  json(): string {
    return this.source ? this.source.read(this.start, this.end).trim() : JSON.stringify(this.doc())
  }

  /** The same as UTF-8 bytes: a file-backed line is copied as it is, without decoding. */
  lineBytes(): Buffer {
    return this.source ? trimBytes(this.source.bytes(this.start, this.end)) : Buffer.from(JSON.stringify(this.doc()))
  }
}
