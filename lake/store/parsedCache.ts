/**
 * Parsed documents kept for re-reads, per dataset file (`DocumentSource.cache`). A document enters only on its
 * second parse: the first read of a document is only remembered as seen (the stored document is alive anyway), so
 * what one-shot readers parse (a page's articles, a scan) dies young, while what pages keep dereferencing
 * (sections, authors, companies, regulations) is parsed twice and then kept. Keeping every first read (20,000
 * documents) made the cache the old generation's main tenant: regulationBySlug spent ~1.1 s in GC pauses per 300
 * runs at 100k articles, and those were its p95.
 * A document whose same few top-level fields are read a second time (`StoredDocument#fields`: a page run again,
 * a timeline's 500 regulations, a list's cards) is parsed whole and kept at once (`keep`), instead of being read
 * from the file and partly parsed on every run.
 */
import type {Doc} from '../types'
import type {StoredDocument} from './storedDocument'

const SEEN_LIMIT = 100_000
const KEPT_LIMIT = 5_000

export class ParsedCache {
  private readonly seen = new Set<StoredDocument>()
  private readonly kept = new Map<StoredDocument, Doc>()

  get(stored: StoredDocument): Doc | undefined {
    return this.kept.get(stored)
  }

  /** Keeps `doc` if `stored` was parsed before (or `keep`: it was read before, a few fields at a time). */
  set(stored: StoredDocument, doc: Doc, keep = false): void {
    if (!keep && !this.seen.has(stored)) return this.see(stored)
    // Map iteration is insertion order: the oldest kept document goes first.
    if (this.kept.size >= KEPT_LIMIT) this.kept.delete(this.kept.keys().next().value!)
    this.kept.set(stored, doc)
  }

  private see(stored: StoredDocument): void {
    // Forgetting every first read at once is cheaper than an LRU, and costs at most one extra parse each.
    if (this.seen.size >= SEEN_LIMIT) this.seen.clear()
    this.seen.add(stored)
  }
}
