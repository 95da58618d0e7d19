/**
 * `/data/query/<ds>` (GET and POST) and `/data/doc/<ds>/<ids>`: reads through the one `LocalLake`, with the
 * perspective the client asks for. Query-string parameters arrive as `$name=<JSON>`, as `@sanity/client` sends them.
 */
import {HttpError, readJson, sendJson} from '../http'
import type {Route, RouteCall} from '../route'
import type {Perspective} from '../../types'

/** The Studio sends `raw`, `drafts`, `published` or a release stack like `rABC,drafts`: map onto the lake's three. */
export function toPerspective(value: string | null | undefined): Perspective {
  const names = (value ?? 'raw').split(',').map((name) => name.trim())
  if (names.includes('raw')) return 'raw'
  if (names.length === 1 && names[0] === 'published') return 'published'
  return 'drafts'
}

function paramsFromSearch(url: URL): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [name, raw] of url.searchParams) {
    if (!name.startsWith('$')) continue
    try {
      params[name.slice(1)] = JSON.parse(raw)
    } catch {
      throw new HttpError(400, `Query parameter ${name} is not valid JSON: ${raw}`, 'queryParseError')
    }
  }
  return params
}

async function runQuery(call: RouteCall, query: string, params: Record<string, unknown>, perspective?: string | null) {
  const {ctx, req, res, url} = call
  if (!query) throw new HttpError(400, 'Missing "query" parameter', 'queryParseError')
  const started = performance.now()
  let result: unknown
  try {
    result = await ctx.lake.fetch(query, params, {perspective: toPerspective(perspective)})
  } catch (error) {
    throw new HttpError(400, error instanceof Error ? error.message : String(error), 'queryParseError')
  }
  const ms = Math.round(performance.now() - started)
  const body = url.searchParams.get('returnQuery') === 'false' ? {result, ms} : {query, result, ms}
  sendJson(req, res, 200, body)
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
      const body = await readJson<{query?: string; params?: Record<string, unknown>; perspective?: string}>(call.req)
      const perspective = call.url.searchParams.get('perspective') ?? body.perspective
      await runQuery(call, body.query ?? '', {...paramsFromSearch(call.url), ...(body.params ?? {})}, perspective)
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
