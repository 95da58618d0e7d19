/**
 * How the Content Lake reads a query request, apart from evaluating it: the default perspective of the API
 * version, the size limit, and the error shapes `@sanity/client` understands (`queryParseError` with `query`,
 * `start`, `end` becomes a code frame in `ClientError.message`).
 */
import {HttpError} from './http'
import {QUERY_LIMIT_BYTES} from './limits'
import {InProcessQueryRunner, QueryFailedError, QueryTimeoutError, type QueryRunner} from './queryWorkers/queryRunner'
import type {StandInContext} from './types'
import {assertParametersProvided, MissingParameterError} from '../query/parameters'
import type {Perspective} from '../types'

/** API versions from this date on answer with `published` when the request names no perspective. */
export const PUBLISHED_BY_DEFAULT_SINCE = '2025-02-19'

/** `X` is the experimental, newest version; `1` is the original API (raw). */
export function defaultPerspective(apiVersion: string): Perspective {
  if (apiVersion === 'X') return 'published'
  return /^\d{4}-\d{2}-\d{2}$/.test(apiVersion) && apiVersion >= PUBLISHED_BY_DEFAULT_SINCE ? 'published' : 'raw'
}

/** The Studio sends `raw`, `drafts`, `published` or a release stack like `rABC,drafts`: map onto the lake's three. */
export function toPerspective(value: string | null | undefined, apiVersion: string): Perspective {
  if (value === null || value === undefined || value.trim() === '') return defaultPerspective(apiVersion)
  const names = value.split(',').map((name) => name.trim())
  if (names.includes('raw')) return 'raw'
  if (names.length === 1 && names[0] === 'published') return 'published'
  return 'drafts'
}

/** Refuses a query over the size limit, or one that references a parameter it was not given. */
export function checkQueryRequest(query: string, params: Record<string, unknown>): void {
  if (!query) throw new HttpError(400, 'Missing "query" parameter', 'queryParseError')
  const bytes = Buffer.byteLength(query) + Buffer.byteLength(JSON.stringify(params))
  if (bytes > QUERY_LIMIT_BYTES) {
    throw new HttpError(413, `Query too large: ${bytes} bytes with its parameters; the limit is ${QUERY_LIMIT_BYTES} bytes`, 'queryTooLargeError')
  }
  try {
    assertParametersProvided(query, params)
  } catch (error) {
    if (!(error instanceof MissingParameterError)) throw error
    throw new HttpError(400, error.message, 'queryParseError', {query, start: error.start, end: error.end})
  }
}

/** A runner's failure as the Content Lake answers it. */
export function queryHttpError(error: unknown, query: string): unknown {
  if (error instanceof QueryTimeoutError) return new HttpError(408, error.message, 'queryTimeoutError')
  if (!(error instanceof QueryFailedError)) return error
  const {message, start, end} = error.info
  return new HttpError(400, message, 'queryParseError', start === undefined ? {} : {query, start, end})
}

const fallbackRunners = new WeakMap<StandInContext, QueryRunner>()

/** The context's runner; a context built without one (a plain handler in another script) queries in-process. */
export function queryRunnerOf(ctx: StandInContext): QueryRunner {
  if (ctx.queries) return ctx.queries
  let runner = fallbackRunners.get(ctx)
  if (!runner) fallbackRunners.set(ctx, (runner = new InProcessQueryRunner(ctx.lake)))
  return runner
}
