/**
 * Parsed documents kept for re-reads, per dataset file (`DocumentSource.cache`). A document enters only on its
 * second parse: the first read of a document is only remembered as seen (the stored document is alive anyway), so
 * what one-shot readers parse (a page's articles, a scan) dies young, while what pages keep dereferencing
 * (sections, authors, companies, regulations) is parsed twice and then kept. Keeping every first read (20,000
 * documents) made the cache the old generation's main tenant: regulationBySlug spent ~1.1 s in GC pauses per 300
 * runs at 100k articles, and those were its p95.
 * A read of a few top-level fields (`StoredDocument#fields`) is remembered with its request: when the same
 * fields of the same document are read again (a page run again: a timeline's 500 regulations, a list's cards), the
 * document is parsed whole and kept, instead of being read from the file and partly parsed on every run. Another
 * reader of the same document in the same query (a filter's `seo.noIndex`, then the projection's `updatedAt`)
 * still reads only its fields.
 */
import type {Doc} from '../types'
import type {StoredDocument} from './storedDocument'
import type {FieldRequest} from './topLevelFields'

/** What `seen` holds for a document parsed whole (anything but a field request). */
const PARSED = 0

const SEEN_LIMIT = 100_000
const KEPT_LIMIT = 5_000

export class ParsedCache {
  private readonly seen = new Map<StoredDocument, FieldRequest | typeof PARSED>()
  private readonly kept = new Map<StoredDocument, Doc>()

  get(stored: StoredDocument): Doc | undefined {
    return this.kept.get(stored)
  }

  /** Whether these fields of `stored` were the last read of it (the same page again); notes this read either way. */
  readBefore(stored: StoredDocument, request: FieldRequest): boolean {
    if (this.seen.get(stored) === request) return true
    this.see(stored, request)
    return false
  }

  set(stored: StoredDocument, doc: Doc): void {
    if (!this.seen.has(stored)) return this.see(stored, PARSED)
    // Map iteration is insertion order: the oldest kept document goes first.
    if (this.kept.size >= KEPT_LIMIT) this.kept.delete(this.kept.keys().next().value!)
    this.kept.set(stored, doc)
  }

  private see(stored: StoredDocument, read: FieldRequest | typeof PARSED): void {
    // Forgetting every first read at once is cheaper than an LRU, and costs at most one extra parse each.
    if (this.seen.size >= SEEN_LIMIT) this.seen.clear()
    this.seen.set(stored, read)
  }
}
