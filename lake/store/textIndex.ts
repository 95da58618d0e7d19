/**
 * An inverted index over one top-level text field (a string, or an array of strings), for GROQ `match`. Text is
 * split exactly as groq-js splits it (`matchTokenize`); a token is keyed by its upper-case form, which every
 * token a case-insensitive `match` pattern accepts shares with the pattern, so a lookup may return a few extra
 * documents (`ß` and `SS`) but never misses one: the full filter still decides. A term with a `*` (or a `.`,
 * which groq-js leaves unescaped) is looked up by its literal prefix; a term starting with one is not indexable.
 * Postings keep the token count per document: the search planner bounds `score()` with it. The index also knows
 * when those counts are exactly groq-js's: a key whose tokens are all "plain" (ASCII or Han: case-insensitive
 * regex matching and upper-casing agree on them), no document whose field mixes strings with other values
 * (groq-js then matches nothing), and no document with its own `_score`; and per key the largest count seen.
 */
import type {IndexEntry} from './orderedIndex'

// groq-js 1.30 `matchTokenize` / `matchPatternRegex`, character for character.
const CHARS = /([^!@#$%^&*(),\\/?";:{}|[\]+<>\s-])+/g
const CHARS_WITH_WILDCARD = /([^!@#$%^&(),\\/?";:{}|[\]+<>\s-])+/g
const EDGE_CHARS = /(\b\.+|\.+\b)/g

export const matchTokens = (text: string): string[] => text.replace(EDGE_CHARS, '').match(CHARS) ?? []
export const patternTerms = (text: string): string[] => (text.replace(EDGE_CHARS, '').match(CHARS_WITH_WILDCARD) ?? []).map((term) => term.slice(0, 1024))

/** The literal part a term's matches must start with, and whether the term is nothing but that literal. */
export function termPrefix(term: string): {prefix: string; exact: boolean} {
  const cut = term.search(/[*.]/)
  return cut === -1 ? {prefix: term, exact: true} : {prefix: term.slice(0, cut), exact: false}
}

export function textOf(value: unknown): string[] {
  if (typeof value === 'string') return matchTokens(value)
  if (Array.isArray(value)) return value.flatMap((part) => (typeof part === 'string' ? matchTokens(part) : []))
  return []
}

/** Tokens on which `/^term$/i` (no `u` flag) and comparing upper-cased forms agree: ASCII and caseless Han. */
export const isPlainToken = (token: string): boolean => /^[\x00-\x7F\p{Script=Han}]*$/u.test(token)

/** A field value groq-js's `match` reads only partly (an array holding non-strings): it then matches nothing. */
const isMixed = (value: unknown): boolean => Array.isArray(value) && value.some((part) => typeof part !== 'string')

export class TextIndex {
  private readonly postings = new Map<string, Map<IndexEntry, number>>()
  private sortedKeys: string[] | null = null
  /** Merged postings of prefix terms, until the next write. */
  private readonly prefixCache = new Map<string, Map<IndexEntry, number>>()
  private readonly prefixMax = new Map<string, number>()
  /** Keys that ever held a token that is not plain (never cleared: only ever too cautious). */
  private readonly impureKeys = new Set<string>()
  /** The largest count any document had under a key (never lowered: an upper bound). */
  private readonly maxCounts = new Map<string, number>()
  private readonly mixed = new Set<IndexEntry>()
  private readonly ownScores = new Set<IndexEntry>()

  constructor(readonly field: string) {}

  /** Whether every posting count is exactly what groq-js's `match` scoring counts (see above). */
  get countsAreExact(): boolean {
    return this.mixed.size === 0 && this.ownScores.size === 0
  }

  /** Whether the counts under a key are exact for a plain term (no other token shares its upper-case form). */
  isPureKey(key: string): boolean {
    return !this.impureKeys.has(key)
  }

  /** Whether the keys a prefix term reads are all pure (see `isPureKey`). */
  isPurePrefix(prefix: string): boolean {
    for (const key of this.impureKeys) if (key.startsWith(prefix)) return false
    return true
  }

  /** An upper bound of the count `candidates(term)` gives any document. */
  maxCountOf(term: string): number {
    const {prefix, exact} = termPrefix(term)
    const key = prefix.toUpperCase()
    if (exact) return this.maxCounts.get(key) ?? 0
    this.candidates(term)
    return this.prefixMax.get(key) ?? 0
  }

  add(entry: IndexEntry, value: unknown): void {
    this.prefixCache.clear()
    this.prefixMax.clear()
    if (isMixed(value)) this.mixed.add(entry)
    if (entry.stored.hasOwnScore) this.ownScores.add(entry)
    for (const token of textOf(value)) {
      const key = token.toUpperCase()
      let posting = this.postings.get(key)
      if (!posting) {
        this.postings.set(key, (posting = new Map()))
        this.sortedKeys = null
      }
      const count = (posting.get(entry) ?? 0) + 1
      posting.set(entry, count)
      if (count > (this.maxCounts.get(key) ?? 0)) this.maxCounts.set(key, count)
      if (!this.impureKeys.has(key) && !isPlainToken(token)) this.impureKeys.add(key)
    }
  }

  delete(entry: IndexEntry, value: unknown): void {
    this.prefixCache.clear()
    this.prefixMax.clear()
    this.mixed.delete(entry)
    this.ownScores.delete(entry)
    for (const token of new Set(textOf(value))) {
      const key = token.toUpperCase()
      const posting = this.postings.get(key)
      if (!posting) continue
      posting.delete(entry)
      if (posting.size === 0) {
        this.postings.delete(key)
        this.sortedKeys = null
      }
    }
  }

  /**
   * Documents with a token the term may match, with an upper bound of how many of their tokens match it;
   * undefined when the term has no literal prefix (it could match any token).
   */
  candidates(term: string): Map<IndexEntry, number> | undefined {
    const {prefix, exact} = termPrefix(term)
    if (!prefix) return undefined
    const key = prefix.toUpperCase()
    if (exact) return this.postings.get(key) ?? new Map()
    const cached = this.prefixCache.get(key)
    if (cached) return cached
    const keys = (this.sortedKeys ??= [...this.postings.keys()].sort())
    let low = 0
    let high = keys.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (keys[middle] < key) low = middle + 1
      else high = middle
    }
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
