/**
 * `/data/query/<ds>` (GET and POST) and `/data/doc/<ds>/<ids>`. Queries are checked here (size, parameters) and
 * evaluated by the context's query runner: in a worker thread with a time limit, stopped when the client leaves.
 * Query-string parameters arrive as `$name=<JSON>`, as `@sanity/client` sends them.
 */
import {HttpError, readJson, sendJson, sendJsonText} from '../http'
import {QUERY_BODY_LIMIT_BYTES, QUERY_LIMIT_BYTES} from '../limits'
import {checkQueryRequest, queryHttpError, queryRunnerOf, toPerspective} from '../queryContract'
import {QueryCancelledError} from '../queryWorkers/queryRunner'
import type {Route, RouteCall} from '../route'

function paramsFromSearch(url: URL): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [name, raw] of url.searchParams) {
    if (!name.startsWith('$')) continue
    try {
      params[name.slice(1)] = JSON.parse(raw)
    } catch {
      throw new HttpError(400, `Query parameter ${name} is not valid JSON: ${raw.slice(0, 200)}`, 'queryParseError')
    }
  }
  return params
}

async function runQuery(call: RouteCall, query: string, params: Record<string, unknown>, perspective?: string | null) {
  const {ctx, req, res, url, apiVersion} = call
  checkQueryRequest(query, params)
  const started = performance.now()
  // A client that leaves (closed tab, aborted fetch) stops its query: the worker running it is replaced.
  const leaving = new AbortController()
  const onClose = () => leaving.abort()
  res.on('close', onClose)
  let json: string
  try {
    json = await queryRunnerOf(ctx).query({query, params, perspective: toPerspective(perspective, apiVersion)}, leaving.signal)
  } catch (error) {
    if (error instanceof QueryCancelledError) return
    throw queryHttpError(error, query)
  } finally {
    res.off('close', onClose)
  }
  const ms = Math.round(performance.now() - started)
  const echo = url.searchParams.get('returnQuery') === 'false' ? '' : `"query":${JSON.stringify(query)},`
  sendJsonText(req, res, 200, `{${echo}"result":${json},"ms":${ms}}`)
}

export const queryRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/data\/query\/[^/]+$/,
    handle: (call) =>
      runQuery(call, call.url.searchParams.get('query') ?? '', paramsFromSearch(call.url), call.url.searchParams.get('perspective')),
  },
  {
    method: 'POST',
    pattern: /^\/data\/query\/[^/]+$/,
    handle: async (call) => {
      const tooLarge = `Query too large: the request body exceeds ${QUERY_BODY_LIMIT_BYTES} bytes; the limit is ${QUERY_LIMIT_BYTES} bytes of query and parameters`
      const body = await readJson<{query?: unknown; params?: unknown; perspective?: string}>(call.req, QUERY_BODY_LIMIT_BYTES, tooLarge)
      if (body.query !== undefined && typeof body.query !== 'string') throw new HttpError(400, '"query" must be a string', 'queryParseError')
      if (body.params !== undefined && (typeof body.params !== 'object' || body.params === null || Array.isArray(body.params))) {
        throw new HttpError(400, '"params" must be an object of parameter values', 'queryParseError')
      }
      const perspective = call.url.searchParams.get('perspective') ?? body.perspective
      const params = {...paramsFromSearch(call.url), ...((body.params as Record<string, unknown> | undefined) ?? {})}
      await runQuery(call, body.query ?? '', params, perspective)
    },
  },
  {
    method: 'GET',
    pattern: /^\/data\/doc\/[^/]+\/(.+)$/,
    handle: async ({ctx, req, res, params: [idList]}) => {
      const ids = idList.split(',').map((id) => id.trim()).filter(Boolean)
      const found = await ctx.lake.getDocuments(ids)
      const documents = found.filter((doc) => doc !== null)
      const omitted = ids.filter((_, index) => !found[index]).map((id) => ({id, reason: 'existence'}))
      sendJson(req, res, 200, {documents, omitted})
    },
  },
]
