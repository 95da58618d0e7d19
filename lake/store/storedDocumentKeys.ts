/**
 * The keys side of a stored document (`StoredDocument` extends it with its bytes and their parse): held as a
 * `DocumentKeys` object (a line parsed on this thread, a write, an overlay) or read on demand from a row of a key
 * index segment (a document loaded from the key index file or a scan worker), which keeps a hundred thousand
 * documents' keys out of the heap as objects.
 */
import type {SegmentRows} from './keyIndexSegment'
import {ORDERED_FIELD_INDEX, type DocumentKeys, type OrderedField, type SortValue} from './indexKeys'

/** What a row-backed document is made from: its id and separator flag (checked at load) and where its row is. */
export interface SegmentRowKeys {
  id: string
  hasSeparatorKey: boolean
  rows: SegmentRows
  row: number
}

export class StoredDocumentKeys {
  readonly id: string
  /** Whether any index key contains KEY_SEPARATOR (per-row lookups then fall back to every document). */
  readonly hasSeparatorKey: boolean
  /** The keys as objects (a line parsed on this thread, a write, an overlay); else they are read from `rows`. */
  private readonly heldKeys: DocumentKeys | undefined
  /** The key index segment rows this document's keys are read from (a document loaded from the index or a worker). */
  private readonly rows: SegmentRows | undefined
  private readonly row: number
  private referenceList: string[] | undefined
  private fieldRefList: string[] | undefined

  protected constructor(keys: DocumentKeys | SegmentRowKeys) {
    this.id = keys.id
    this.hasSeparatorKey = keys.hasSeparatorKey
    if ('rows' in keys) {
      this.rows = keys.rows
      this.row = keys.row
    } else {
      this.heldKeys = keys
      this.row = 0
    }
  }

  get type(): string | undefined {
    return this.heldKeys ? this.heldKeys.type : this.rows!.type(this.row)
  }
  get slug(): string | undefined {
    return this.heldKeys ? this.heldKeys.slug : this.rows!.slug(this.row)
  }
  get rev(): string | undefined {
    return this.heldKeys ? this.heldKeys.rev : this.rows!.rev(this.row)
  }
  /** A top-level `_score` number changes what `score()` computes; the search planner steps aside then. */
  get hasOwnScore(): boolean {
    return this.heldKeys ? this.heldKeys.hasOwnScore : this.rows!.hasOwnScore(this.row)
  }
  get references(): string[] {
    return this.heldKeys ? this.heldKeys.references : (this.referenceList ??= this.rows!.references(this.row))
  }
  get fieldRefs(): string[] {
    return this.heldKeys ? this.heldKeys.fieldRefs : (this.fieldRefList ??= this.rows!.fieldRefs(this.row))
  }
  /** Values of ORDERED_FIELDS, in that order (a new array for a row-backed document: prefer `sortValue`). */
  get sortValues(): SortValue[] {
    return this.heldKeys ? this.heldKeys.sortValues : this.rows!.sortValues(this.row)
  }
  /** The key index segment rows this document's keys are read from, if any (lookup indexes read positions there). */
  get segmentRows(): SegmentRows | undefined {
    return this.heldKeys ? undefined : this.rows
  }
  get segmentRow(): number {
    return this.row
  }
  /** Index keys as lists (one shared list per type). */
  get typeKeys(): readonly string[] {
    const type = this.type
    return type === undefined ? NO_KEYS : typeKeysOf(type)
  }

  get slugKeys(): readonly string[] {
    return this.slug === undefined ? NO_KEYS : [this.slug]
  }

  /** The keys, as the key index file stores them. */
  keys(): DocumentKeys {
    if (this.heldKeys) return this.heldKeys
    const {id, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore, hasSeparatorKey} = this
    return {id, type, slug, rev, references, fieldRefs, sortValues, hasOwnScore, hasSeparatorKey}
  }

  sortValue(field: OrderedField): SortValue {
    return this.heldKeys ? this.heldKeys.sortValues[ORDERED_FIELD_INDEX[field]] : this.rows!.sortValue(this.row, ORDERED_FIELD_INDEX[field])
  }
}

const NO_KEYS: readonly string[] = []
/** One shared key list per type: there are a few types and a hundred thousand documents. */
const typeKeyLists = new Map<string, readonly string[]>()
function typeKeysOf(type: string): readonly string[] {
  let keys = typeKeyLists.get(type)
  if (!keys) {
    if (typeKeyLists.size > 10_000) typeKeyLists.clear()
    typeKeyLists.set(type, (keys = Object.freeze([type])))
  }
  return keys
}
