/**
 * An inverted index over one top-level text field (a string, or an array of strings), for GROQ `match`. Text is
 * split exactly as groq-js splits it (`matchTokens.ts`); a token is keyed by its upper-case form, which every
 * token a case-insensitive `match` pattern accepts shares with the pattern, so a lookup may return a few extra
 * documents (`ß` and `SS`) but never misses one: the full filter still decides. A term with a `*` (or a `.`,
 * which groq-js leaves unescaped) is looked up by its literal prefix; a term starting with one is not indexable.
 * Postings keep the token count per document: the search planner bounds `score()` with it. The index also knows
 * when those counts are exactly groq-js's: a key whose tokens are all "plain" (ASCII or Han: case-insensitive
 * regex matching and upper-casing agree on them), no document whose field mixes strings with other values
 * (groq-js then matches nothing), and no document with its own `_score`; and per key the largest count seen.
 *
 * Documents of a data file with persisted postings (`textPostings.ts`) are not parsed: their postings are read
 * per key from the file's postings when a lookup first asks for that key ("base" below). Documents written since,
 * and drafts shown in the drafts view, are tokenised here as before.
 */
import type {IndexEntry} from './orderedIndex'
import {fieldTokens, isMixed, termPrefix, textOf} from './matchTokens'
import {Posting, type LineEntries, type PostingCounts} from './posting'
import {forEachPosting, IMPURE, keyPosition, prefixRange, type FieldPostings} from './postingsData'
import type {StoredDocument} from './storedDocument'
import {textIndexStats} from './textPostings'
import type {TextLines} from './textLines'
import {lowerBoundString} from './sortedSearch'

export {isPlainToken, matchTokens, patternTerms, termPrefix, textOf} from './matchTokens'

/** The file's postings, and the view's entry showing each line (cleared when the entry shows something else). */
interface Base extends LineEntries {
  section: FieldPostings
}

/** A key read from the base keeps its counts by line when at least this share of the lines has it. */
const DENSE_SHARE = 1 / 32

export class TextIndex {
  private readonly postings = new Map<string, Posting>()
  private sortedKeys: string[] | null = null
  /** Merged postings of prefix terms, until the next write. */
  private readonly prefixCache = new Map<string, PostingCounts>()
  private readonly prefixMax = new Map<string, number>()
  /** Keys that ever held a token that is not plain (never cleared: only ever too cautious). */
  private readonly impureKeys = new Set<string>()
  /** The largest count any document had under a key (never lowered: an upper bound). */
  private readonly maxCounts = new Map<string, number>()
  private readonly mixed = new Set<IndexEntry>()
  private readonly ownScores = new Set<IndexEntry>()
  private base: Base | undefined
  /** Keys whose base postings were merged into `postings`. */
  private readonly fromBase = new Set<string>()

  constructor(readonly field: string) {}

  /**
   * The index of `field` over `entries`: from the data file's postings where it has them (`lines`: which entry shows
   * which line, shared by the view's persisted fields and copied here), else by parsing.
   */
  static build(field: string, entries: Iterable<IndexEntry>, lines: () => TextLines): TextIndex {
    const index = new TextIndex(field)
    const {postings, entryAt, ordinalBySeq, ownScores, others} = lines()
    const section = postings?.section(field)
    if (!section) {
      for (const entry of entries) index.insert(entry, entry.stored)
      return index
    }
    for (const entry of ownScores) index.ownScores.add(entry)
    for (const entry of others) index.insert(entry, entry.stored)
    for (const ordinal of section.mixed) if (entryAt[ordinal]) index.mixed.add(entryAt[ordinal]!)
    // Copies: removing an entry from this index's base must not remove it from another field's.
    index.base = {section, entryAt: entryAt.slice(), ordinalBySeq: ordinalBySeq.slice()}
    return index
  }

  /** Whether every posting count is exactly what groq-js's `match` scoring counts (see above). */
  get countsAreExact(): boolean {
    return this.mixed.size === 0 && this.ownScores.size === 0
  }

  /** Whether the counts under a key are exact for a plain term (no other token shares its upper-case form). */
  isPureKey(key: string): boolean {
    if (this.impureKeys.has(key)) return false
    const at = this.base ? keyPosition(this.base.section, key) : -1
    return at < 0 || !(this.base!.section.flags[at] & IMPURE)
  }

  /** Whether the keys a prefix term reads are all pure (see `isPureKey`). */
  isPurePrefix(prefix: string): boolean {
    for (const key of this.impureKeys) if (key.startsWith(prefix)) return false
    if (!this.base) return true
    const [from, to] = prefixRange(this.base.section, prefix)
    for (let at = from; at < to; at++) if (this.base.section.flags[at] & IMPURE) return false
    return true
  }

  /** An upper bound of the count `candidates(term)` gives any document. */
  maxCountOf(term: string): number {
    const {prefix, exact} = termPrefix(term)
    const key = prefix.toUpperCase()
    if (exact) {
      const at = this.base ? keyPosition(this.base.section, key) : -1
      return Math.max(this.maxCounts.get(key) ?? 0, at < 0 ? 0 : this.base!.section.maxCounts[at])
    }
    this.candidates(term)
    return this.prefixMax.get(key) ?? 0
  }

  /** Adds a document (parsed here) under `entry`. */
  insert(entry: IndexEntry, stored: StoredDocument): void {
    textIndexStats.parsedDocuments++
    this.add(entry, stored.doc()[this.field], stored.hasOwnScore)
  }

  /** Removes what `entry` held while it showed `stored`. */
  remove(entry: IndexEntry, stored: StoredDocument): void {
    this.written()
    this.mixed.delete(entry)
    this.ownScores.delete(entry)
    const ordinal = this.base && entry.seq < this.base.ordinalBySeq.length ? this.base.ordinalBySeq[entry.seq] : -1
    if (ordinal >= 0 && this.base!.entryAt[ordinal] === entry) {
      // A line of the file: of the keys already read from the base, only its own tokens hold it (the base was
      // built from the same tokens); keys read later skip it, as its line is let go below. Walking every key read
      // so far instead cost a patch ~10 ms at 100,000 articles once searches had read most of the vocabulary.
      for (const key of fieldTokens(stored.doc()[this.field]).counts.keys()) if (this.fromBase.has(key)) this.deleteFrom(key, entry)
      this.base!.entryAt[ordinal] = undefined
      this.base!.ordinalBySeq[entry.seq] = -1
      return
    }
    for (const token of new Set(textOf(stored.doc()[this.field]))) this.deleteFrom(token.toUpperCase(), entry)
  }

  private add(entry: IndexEntry, value: unknown, ownScore: boolean): void {
    this.written()
    if (isMixed(value)) this.mixed.add(entry)
    if (ownScore) this.ownScores.add(entry)
    const {counts, impure} = fieldTokens(value)
    for (const [key, count] of counts) {
      // Not merged with the base here: a write would otherwise decode every common word's postings (~10 ms a
      // patch at 100,000 articles); the first read of the key merges the base in beside what writes added.
      const posting = this.postings.get(key) ?? this.newPosting(key)
      posting.set(entry, count)
      if (count > (this.maxCounts.get(key) ?? 0)) this.maxCounts.set(key, count)
      if (impure?.has(key)) this.impureKeys.add(key)
    }
  }

  private written(): void {
    this.prefixCache.clear()
    this.prefixMax.clear()
  }

  /** Takes `entry` out of the key's posting (with no entry: just drops the posting if it is empty). */
  private deleteFrom(key: string, entry: IndexEntry | undefined): void {
    const posting = this.postings.get(key)
    if (!posting || (entry && !posting.delete(entry)) || posting.size > 0) return
    this.postings.delete(key)
    this.sortedKeys = null
  }

  /** The postings under a key (created empty when asked to), the base's merged in on first use. */
  private postingOf(key: string, create = false): Posting | undefined {
    if (this.base && !this.fromBase.has(key)) this.mergeBase(key)
    return this.postings.get(key) ?? (create ? this.newPosting(key) : undefined)
  }

  private mergeBase(key: string): void {
    this.fromBase.add(key)
    const {section, entryAt} = this.base!
    const at = keyPosition(section, key)
    if (at < 0) return
    const posting = this.postings.get(key) ?? this.newPosting(key)
    const documents = entryAt.length
    if (section.sizes[at] >= documents * DENSE_SHARE) posting.fillDense(this.base!, section.maxCounts[at], (visit) => forEachPosting(section, at, visit))
    else {
      forEachPosting(section, at, (ordinal, count) => {
        const entry = entryAt[ordinal]
        if (entry) posting.set(entry, count)
      })
    }
    if (posting.size === 0) this.deleteFrom(key, undefined)
  }

  private newPosting(key: string): Posting {
    const posting = new Posting()
    this.postings.set(key, posting)
    this.sortedKeys = null
    return posting
  }

  /**
   * Documents with a token the term may match, with an upper bound of how many of their tokens match it;
   * undefined when the term has no literal prefix (it could match any token).
   */
  candidates(term: string): PostingCounts | undefined {
    const {prefix, exact} = termPrefix(term)
    if (!prefix) return undefined
    const key = prefix.toUpperCase()
    if (exact) return this.postingOf(key) ?? new Map()
    const cached = this.prefixCache.get(key)
    if (cached) return cached
    if (this.base) {
      const [from, to] = prefixRange(this.base.section, key)
      for (let at = from; at < to; at++) this.postingOf(this.base.section.keys[at])
    }
    const keys = (this.sortedKeys ??= [...this.postings.keys()].sort())
    const low = lowerBoundString(keys, key)
    const merged = new Map<IndexEntry, number>()
    let max = 0
    for (let i = low; i < keys.length && keys[i].startsWith(key); i++) {
      for (const [entry, count] of this.postings.get(keys[i])!) {
        const total = (merged.get(entry) ?? 0) + count
        merged.set(entry, total)
        if (total > max) max = total
      }
    }
    this.prefixCache.set(key, merged)
    this.prefixMax.set(key, max)
    return merged
  }
}
