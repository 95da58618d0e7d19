/**
 * The typed query runner. One function for both back ends: anything with
 * `fetch(query, params, {perspective})`, which an `@sanity/client` SanityClient and the local
 * lake's `LocalLake` both have. The result type comes from TypeGen's `SanityQueries` map (keyed
 * by the exact query string) and the parameter type from the registry, so a call with a missing
 * or mistyped parameter does not compile; at run time the same spec is checked again before any
 * request is sent, for callers that build parameters from URLs or the command line.
 */
import type {SanityQueries} from '@sanity/client'

import {
  isQueryName,
  queryNameOf,
  queryRegistry,
  type QueryName,
  type QueryParams,
  type RegisteredQueryString,
} from './registry'
// TypeGen's `SanityQueries` augmentation of '@sanity/client' must be in every program that uses the runner.
import type {} from './sanity.types'
import {validateParams} from './validateParams'

/** Content Lake perspectives the runner can ask for; `published` unless told otherwise. */
export type QueryPerspective = 'published' | 'drafts' | 'raw'

const PERSPECTIVES: readonly string[] = ['published', 'drafts', 'raw'] satisfies QueryPerspective[]

/** What the runner needs from a back end: `@sanity/client`'s `fetch` shape. */
export interface QuerySource {
  fetch(query: string, params: Record<string, unknown>, options: {perspective: QueryPerspective}): Promise<unknown>
}

export interface RunQueryOptions {
  perspective?: QueryPerspective
}

/** The result type TypeGen generated for query string `Q`. */
export type ResultOf<Q extends string> = Q extends keyof SanityQueries ? SanityQueries[Q] : never

/** The result type of the query registered as `N`. */
export type ResultOfName<N extends QueryName> = ResultOf<(typeof queryRegistry)[N]['query']>

// A query without required parameters may be called without a params object.
type ParamsArgs<P> = {} extends P ? [params?: P, options?: RunQueryOptions] : [params: P, options?: RunQueryOptions]

/**
 * Runs a registered query. Throws `QueryParameterError` (naming the query and the parameter)
 * before sending anything when the parameters do not match the query's spec.
 */
export async function runQuery<const Q extends RegisteredQueryString>(
  source: QuerySource,
  query: Q,
  ...[params, options]: ParamsArgs<QueryParams<Q>>
): Promise<ResultOf<Q>> {
  const name = queryNameOf(query)
  if (!name) {
    throw new Error('runQuery: this query string is not in queries/registry.ts; register it there to run it')
  }
  return (await execute(source, name, params, options)) as ResultOf<Q>
}

/**
 * Runs a query by its registered name with parameters whose shape is only known at run time (the
 * command line, a URL): the same checks as `runQuery`, an untyped result.
 */
export async function runQueryByName(
  source: QuerySource,
  name: string,
  params: Record<string, unknown> = {},
  options: RunQueryOptions = {},
): Promise<unknown> {
  if (!isQueryName(name)) {
    throw new Error(`Unknown query "${name}". Known queries: ${Object.keys(queryRegistry).join(', ')}`)
  }
  return execute(source, name, params, options)
}

function execute(source: QuerySource, name: QueryName, params: unknown, options: RunQueryOptions = {}): Promise<unknown> {
  const entry = queryRegistry[name]
  const perspective = options.perspective ?? 'published'
  if (!PERSPECTIVES.includes(perspective)) {
    throw new Error(`${name}: perspective must be one of ${PERSPECTIVES.join(', ')}, got ${JSON.stringify(perspective)}`)
  }
  const sent = validateParams(name, entry.params, params)
  return source.fetch(entry.query, sent, {perspective})
}
