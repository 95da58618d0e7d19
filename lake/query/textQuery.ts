/**
 * `text::query()`: the Content Lake's search-string syntax, which groq-js 1 does not have and Sanity 6's default
 * Studio search (`groq2024`) sends with every search, e.g. `[@, _id] match text::query("bytedance valu*")`.
 *
 * Sanity documents the syntax (search text content with GROQ): a search string with phrases, exclusions and
 * wildcards, passed to `match`. What the documentation leaves open, assumed here and tested in
 * tests/server/textQuery.test.ts:
 * - The string is split like the Studio splits it (`TOKEN_REGEX` in Sanity's search): runs of non-space text,
 *   with `"…"` kept together. `"a b"` is a phrase (its words next to each other, in one string), `-x` or `-"a b"`
 *   excludes, `*` is a wildcard (`valu*`; `*` alone matches any word). Every term and phrase must match
 *   (AND); no exclusion may. A string of exclusions only matches whatever lacks them; an empty string nothing.
 * - Words are found the way GROQ's `match` finds them (groq-js's separators; a run of Chinese is one word) and
 *   compared case-insensitively; a word that `match` would split (`foo-bar`) asks for each part.
 * - The matched value is searched deeply: strings, arrays and objects at any depth, but not the system
 *   attributes of objects (`_id`, `_type`, `_key`, `_ref`, …), so `@` is the document's content and Portable
 *   Text's `block`/`span` types never match. The Studio adds `_id` explicitly (`[@, _id]`).
 * - Inside `score()` a match counts 1 (boosted by `boost()`), not a BM25 relevance: ranking follows the weights.
 */

/** groq-js's word characters for `match` (everything but these separators), so both operators agree on words. */
const WORD = /[^!@#$%^&*(),\\/?";:{}|[\]+<>\s-]+/g
const WORD_WITH_WILDCARD = /[^!@#$%^&(),\\/?";:{}|[\]+<>\s-]+/g
const EDGE_DOTS = /(\b\.+|\.+\b)/g
/** How Sanity's Studio splits a search string into tokens (quoted phrases stay whole). */
const TOKEN = /(?:[^\s"]+|"[^"]*")+/g

/** One clause: a word (`words.length === 1`), words that must each occur, or a phrase (consecutive words). */
interface Clause {
  words: RegExp[]
  phrase: boolean
}

export interface TextQuery {
  include: Clause[]
  exclude: Clause[]
}

function wordPattern(word: string): RegExp {
  const escaped = word.slice(0, 1024).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`, 'iu')
}

function words(text: string, pattern: RegExp): string[] {
  return text.replace(EDGE_DOTS, '').match(pattern) ?? []
}

/** Parses a `text::query()` search string. */
export function parseTextQuery(search: string): TextQuery {
  const query: TextQuery = {include: [], exclude: []}
  for (const token of search.match(TOKEN) ?? []) {
    const negated = token.startsWith('-')
    const body = negated ? token.slice(1) : token
    const phrase = body.length > 1 && body.startsWith('"') && body.endsWith('"')
    const found = words(body.replace(/"/g, ' '), WORD_WITH_WILDCARD).map(wordPattern)
    if (found.length === 0) continue
    ;(negated ? query.exclude : query.include).push({words: found, phrase})
  }
  return query
}

/** The words of every string in `value`, one list per string (phrases never span two strings). */
export function textOf(value: unknown, into: string[][] = []): string[][] {
  if (typeof value === 'string') into.push(words(value, WORD))
  else if (Array.isArray(value)) for (const item of value) textOf(item, into)
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (!key.startsWith('_')) textOf(item, into)
  }
  return into
}

function clauseMatches(clause: Clause, text: string[][]): boolean {
  if (!clause.phrase) return clause.words.every((word) => text.some((tokens) => tokens.some((token) => word.test(token))))
  const [first, ...rest] = clause.words
  return text.some((tokens) =>
    tokens.some((token, at) => first.test(token) && rest.every((word, offset) => at + offset + 1 < tokens.length && word.test(tokens[at + offset + 1]))),
  )
}

/** Whether `value match text::query(search)` holds. */
export function matchesTextQuery(value: unknown, query: TextQuery): boolean {
  if (query.include.length === 0 && query.exclude.length === 0) return false
  const text = textOf(value)
  return query.include.every((clause) => clauseMatches(clause, text)) && !query.exclude.some((clause) => clauseMatches(clause, text))
}
