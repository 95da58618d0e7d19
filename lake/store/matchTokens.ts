/**
 * Text split exactly as groq-js 1.30 splits it for `match` (`matchTokenize` / `matchPatternRegex`, character for
 * character), and what a text index keeps of one document's field: its tokens keyed upper-case with their
 * counts. Shared by the in-memory text index (`textIndex.ts`) and the persisted postings (`textPostings.ts`), so
 * both count the same tokens under the same keys.
 */

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
export const isMixed = (value: unknown): boolean => Array.isArray(value) && value.some((part) => typeof part !== 'string')

/** One document's field as a text index keeps it: count per upper-case key, and the keys some non-plain token had. */
export interface FieldTokens {
  counts: Map<string, number>
  impure: Set<string> | undefined
}

export function fieldTokens(value: unknown): FieldTokens {
  const counts = new Map<string, number>()
  let impure: Set<string> | undefined
  for (const token of textOf(value)) {
    const key = token.toUpperCase()
    counts.set(key, (counts.get(key) ?? 0) + 1)
    if (!isPlainToken(token)) (impure ??= new Set()).add(key)
  }
  return {counts, impure}
}
