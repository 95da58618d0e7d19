/**
 * An inverted index over one top-level text field (a string, or an array of strings), for GROQ `match`. Text is
 * split exactly as groq-js splits it (`matchTokenize`); a token is keyed by its upper-case form, which every
 * token a case-insensitive `match` pattern accepts shares with the pattern, so a lookup may return a few extra
 * documents (`ß` and `SS`) but never misses one: the full filter still decides. A term with a `*` (or a `.`,
 * which groq-js leaves unescaped) is looked up by its literal prefix; a term starting with one is not indexable.
 * Postings keep the token count per document: the search planner bounds `score()` with it.
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

export class TextIndex {
  private readonly postings = new Map<string, Map<IndexEntry, number>>()
  private sortedKeys: string[] | null = null
  /** Merged postings of prefix terms, until the next write. */
  private readonly prefixCache = new Map<string, Map<IndexEntry, number>>()

  constructor(readonly field: string) {}

  add(entry: IndexEntry, value: unknown): void {
    this.prefixCache.clear()
    for (const token of textOf(value)) {
      const key = token.toUpperCase()
      let posting = this.postings.get(key)
      if (!posting) {
        this.postings.set(key, (posting = new Map()))
        this.sortedKeys = null
      }
      posting.set(entry, (posting.get(entry) ?? 0) + 1)
    }
  }

  delete(entry: IndexEntry, value: unknown): void {
    this.prefixCache.clear()
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
    for (let i = low; i < keys.length && keys[i].startsWith(key); i++) {
      for (const [entry, count] of this.postings.get(keys[i])!) merged.set(entry, (merged.get(entry) ?? 0) + count)
    }
    this.prefixCache.set(key, merged)
    return merged
  }
}
