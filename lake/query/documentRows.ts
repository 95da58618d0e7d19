/**
 * The values of a few attribute paths of a stored document (a "row" for `compiledExpression.ts`), read without
 * parsing the document where the stored keys already hold them: `_id`, and any sort field the store keeps
 * (`_type`, `slug.current`, `publishedAt`, `_updatedAt`, …) whose kept value is a string, number or boolean (a
 * kept `null` may stand for an object or array, so it is read from the document). Other paths are read from
 * the parsed document once and remembered per stored document: a stored document never changes (a write
 * stores a new one), so the memo needs no invalidation, and a sitemap or a timeline re-reads its pages from it.
 * `REFERENCES_PATH` is the stored list of referenced ids (`references()`), never a parse.
 */
import {KEPT_TOP_LEVEL, ORDERED_FIELDS, type OrderedField} from '../store/indexKeys'
import type {StoredDocument} from '../store/storedDocument'
import {fieldRequest} from '../store/topLevelFields'
import {readPath, REFERENCES_PATH, type Path, type Row} from './compiledExpression'

const KEPT = new Set<string>(ORDERED_FIELDS)
/** Per path, the values read from parsed documents (a WeakMap per path keeps no object per document). */
const knownByPath = new Map<string, WeakMap<StoredDocument, unknown>>()
const knownFor = (key: string) => knownByPath.get(key) ?? knownByPath.set(key, new WeakMap()).get(key)!

/** A path's value from the stored keys, or undefined when only the document can tell. */
function fromKeys(stored: StoredDocument, field: string | undefined): unknown {
  if (field === undefined) return undefined
  if (field === '_id') return stored.id
  const value = stored.sortValue(field as OrderedField)
  return value !== null ? value : stored.keptNullsAreNull && field !== 'slug.current' ? null : undefined
}

/** The kept sort field a path is (`['slug', 'current']` → `slug.current`; not `['slug.current']`). */
const keptField = (path: Path): string | undefined =>
  path.some((name) => name.includes('.')) || !(path.length === 1 && path[0] === '_id' || KEPT.has(path.join('.'))) ? undefined : path.join('.')

/**
 * Reads rows of `paths` from stored documents. With `reuse`, every call fills the same array (for callers that
 * evaluate a row at once and keep nothing of it: a walk tests tens of thousands of rows per query). Values read
 * from the document are remembered unless `remember` is false: projections read many fields of many documents
 * once, and remembering them would keep most of the archive alive (and cost the GC copying it); they still
 * remember nulls, numbers and booleans, which cost nothing to keep and spare a parse on the next read.
 */
export function rowReader(paths: Path[], {reuse = false, remember = true} = {}): (stored: StoredDocument) => Row {
  const known = paths.map((path) => knownFor(JSON.stringify(path)))
  const fields = paths.map(keptField)
  const references = paths.map((path) => path === REFERENCES_PATH)
  const shared: unknown[] = new Array(paths.length)
  // A path the keys cannot answer is read from its top-level field alone, not from the whole parsed document.
  // (A kept null may stand for an object: kept fields are read from there too.)
  const documentPaths = paths.filter((path) => path !== REFERENCES_PATH)
  const request = documentPaths.every((path) => path.length > 0) ? fieldRequest(documentPaths.map((path) => path[0]), KEPT_TOP_LEVEL) : undefined
  const read = (stored: StoredDocument) => (request ? stored.fields(request) : stored.doc())
  return (stored) => {
    const row: unknown[] = reuse ? shared : new Array(paths.length)
    let doc: unknown
    for (let i = 0; i < paths.length; i++) {
      if (references[i]) {
        row[i] = stored.references
        continue
      }
      let value = fromKeys(stored, fields[i])
      if (value === undefined) value = known[i].get(stored)
      if (value === undefined) {
        doc ??= read(stored)
        value = readPath(doc, paths[i])
        // A kept null that really is null (a list's missing `updatedAt`) is remembered even for projections.
        if (remember || value === null || typeof value === 'number' || typeof value === 'boolean') known[i].set(stored, value)
      }
      row[i] = value
    }
    return row
  }
}
