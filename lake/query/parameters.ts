/**
 * The Content Lake refuses a query that references a `$param` the request did not provide (400,
 * `param $x referenced, but not provided`); groq-js would quietly read it as null and answer `[]`. The check is
 * a linear scan of the query text (strings and comments skipped), so it is cheap even on a query too large
 * to parse quickly. A parameter whose value is `undefined` counts as not provided: `@sanity/client` sends JSON,
 * where such a key disappears.
 */

export interface ParameterReference {
  name: string
  /** Offsets of `$name` in the query, as the Content Lake reports them (`start`, `end`). */
  start: number
  end: number
}

export class MissingParameterError extends Error {
  override readonly name = 'MissingParameterError'

  constructor(
    readonly parameter: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(`param $${parameter} referenced, but not provided`)
  }
}

const IDENTIFIER_START = /[A-Za-z_]/
const IDENTIFIER_PART = /[A-Za-z0-9_]/

/** `fn ns::name($a, $b) = …`: custom functions name their arguments like parameters; those are not the request's. */
const FUNCTION_DEFINITION = /\bfn\s+[A-Za-z_][A-Za-z0-9_]*::[A-Za-z_][A-Za-z0-9_]*\s*\(([^)]*)\)/g

function functionArguments(query: string): Set<string> {
  const names = new Set<string>()
  for (const [, list] of query.matchAll(FUNCTION_DEFINITION)) {
    for (const [, name] of list.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(name)
  }
  return names
}

/** The references of recently seen query strings: front ends send the same few queries again and again. */
const referencesByQuery = new Map<string, ParameterReference[]>()
const REFERENCE_CACHE_LIMIT = 500

/** Every `$name` outside string literals, `//` comments and custom functions' arguments, in query order. */
export function parameterReferences(query: string): ParameterReference[] {
  const known = referencesByQuery.get(query)
  if (known) return known.map((reference) => ({...reference}))
  const references = scanReferences(query)
  if (referencesByQuery.size >= REFERENCE_CACHE_LIMIT) referencesByQuery.clear()
  referencesByQuery.set(query, references)
  return references.map((reference) => ({...reference}))
}

function scanReferences(query: string): ParameterReference[] {
  const local = query.includes('fn') ? functionArguments(query) : new Set<string>()
  const references: ParameterReference[] = []
  let index = 0
  while (index < query.length) {
    const char = query[index]
    if (char === '"' || char === "'") {
      index++
      while (index < query.length && query[index] !== char) index += query[index] === '\\' ? 2 : 1
      index++
    } else if (char === '/' && query[index + 1] === '/') {
      while (index < query.length && query[index] !== '\n') index++
    } else if (char === '$' && IDENTIFIER_START.test(query[index + 1] ?? '')) {
      const start = index
      index += 2
      while (index < query.length && IDENTIFIER_PART.test(query[index])) index++
      const name = query.slice(start + 1, index)
      if (!local.has(name)) references.push({name, start, end: index})
    } else {
      index++
    }
  }
  return references
}

/** Throws `MissingParameterError` for the first referenced parameter that `params` does not provide. */
export function assertParametersProvided(query: string, params: Record<string, unknown> = {}): void {
  for (const reference of parameterReferences(query)) {
    if (!Object.hasOwn(params, reference.name) || params[reference.name] === undefined) {
      throw new MissingParameterError(reference.name, reference.start, reference.end)
    }
  }
}
