/**
 * Dispatch: the request's host and origin first (see originPolicy.ts), CORS preflights, `/v<apiVersion>/...` API
 * routes, asset files, and (when a Studio build is served from the same port) everything else as the Studio app.
 * Every API route nobody answers is recorded in `unknownRoutes` and logged, so tests notice when a new Studio
 * release starts calling something new.
 */
import {addonRoutes} from './routes/addons'
import {assetRoutes, serveAssetFile} from './routes/assets'
import {exportRoutes} from './routes/export'
import {historyRoutes} from './routes/history'
import {identityRoutes} from './routes/identity'
import {listenRoutes} from './routes/listen'
import {queryRoutes} from './routes/query'
import {writeRoutes} from './routes/write'
import {allowCors, corsHeaders, decodePathSegment, HttpError, sendError, sendJson, type StandInRequest, type StandInResponse} from './http'
import {LISTEN_URL_LIMIT_BYTES, URL_LIMIT_BYTES} from './limits'
import {isLoopbackHost, requestHost} from './originPolicy'
import type {Route} from './route'
import {serveStatic} from './staticFiles'
import type {StandInContext} from './types'

const ROUTES: Route[] = [
  ...identityRoutes,
  ...queryRoutes,
  ...listenRoutes,
  ...writeRoutes,
  ...historyRoutes,
  ...assetRoutes,
  ...exportRoutes,
  ...addonRoutes,
]

/** `/v2021-06-07/...`, `/vX/...`, `/v1/...`: the client always puts its API version first. */
const VERSION_PREFIX = /^\/v(\d{4}-\d{2}-\d{2}|X|\d+)(\/.*)$/

/** Routes that name a dataset right after their kind: `/data/query/<ds>`, `/assets/images/<ds>`, … */
const DATASET_IN_PATH = /^\/(?:data\/(?:query|doc|mutate|actions|listen|export|history|ping)|assets\/(?:images|files))\/([^/]+)/

/** Requests a page on another origin can send without a preflight, and that change nothing here. */
const READ_METHODS = new Set(['GET', 'HEAD'])

export const UNKNOWN_ROUTES_PATH = '/__local-lake/unknown-routes'

function parseRequestUrl(raw: string): URL {
  if (Buffer.byteLength(raw) > URL_LIMIT_BYTES) throw new HttpError(414, `URL longer than ${URL_LIMIT_BYTES} bytes; send large queries with POST`)
  try {
    // Prefixing keeps a path like `//x/y` a path (as a relative URL it would name the host `x`).
    return new URL(raw.startsWith('/') ? `https://localhost${raw}` : raw, 'https://localhost')
  } catch {
    throw new HttpError(400, 'Malformed request URL')
  }
}

/** Host and origin checks: refuse DNS-rebound hosts and foreign pages' writes; allow CORS for the Studio's origins. */
function admit(ctx: StandInContext, req: StandInRequest, method: string): void {
  const host = requestHost(req)
  if (!isLoopbackHost(host)) {
    throw new HttpError(403, 'The local Content Lake stand-in only answers requests addressed to localhost, *.localhost, 127.0.0.1 or [::1]', 'forbiddenHostError')
  }
  const origin = req.headers.origin
  if (!origin) return
  if (ctx.origins?.isAllowedOrigin(origin)) return allowCors(req, origin)
  if (method === 'OPTIONS' || !READ_METHODS.has(method)) {
    throw new HttpError(
      403,
      `Origin ${origin.slice(0, 200)} is not allowed to use this stand-in (CORS): start it with --cors-origin ${origin.slice(0, 200)} to allow it`,
      'corsOriginError',
    )
  }
}

export function createRequestHandler(ctx: StandInContext, studioDir?: string) {
  return async function handle(req: StandInRequest, res: StandInResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    try {
      admit(ctx, req, method)
      const url = parseRequestUrl(req.url ?? '/')
      if (method === 'OPTIONS') {
        res.writeHead(204, corsHeaders(req))
        res.end()
        return
      }
      if (url.pathname === UNKNOWN_ROUTES_PATH) return sendJson(req, res, 200, ctx.unknownRoutes)
      if (READ_METHODS.has(method) && (await serveAssetFile(ctx, req, res, url.pathname))) return

      const versioned = VERSION_PREFIX.exec(url.pathname)
      if (!versioned) {
        if (studioDir && READ_METHODS.has(method)) return await serveStatic(studioDir, url.pathname, res, method)
        return recordUnknown(ctx, req, res, method, url.pathname)
      }
      const [, apiVersion, path] = versioned
      // Listener filters are parsed on the event loop (once per listener): @sanity/client never sends a listen URL
      // over 14,800 characters, and a longer one could hold the loop while groq-js parses it.
      if (path.startsWith('/data/listen/') && Buffer.byteLength(req.url ?? '') > LISTEN_URL_LIMIT_BYTES) {
        throw new HttpError(414, `Listener URL longer than ${LISTEN_URL_LIMIT_BYTES} bytes`)
      }
      const dataset = DATASET_IN_PATH.exec(path)?.[1]
      if (dataset !== undefined && decodePathSegment(dataset) !== ctx.dataset) {
        throw new HttpError(404, `Dataset "${decodePathSegment(dataset)}" not found for project ID "${ctx.projectId}"`, 'notFound')
      }
      for (const route of ROUTES) {
        if (route.method !== method) continue
        const match = route.pattern.exec(path)
        if (!match) continue
        const params = match.slice(1).map((value) => decodePathSegment(value ?? ''))
        await route.handle({ctx, req, res, params, url, apiVersion})
        return
      }
      recordUnknown(ctx, req, res, method, path)
    } catch (error) {
      if (!res.headersSent) sendError(req, res, error)
      else res.end()
    }
  }
}

function recordUnknown(ctx: StandInContext, req: StandInRequest, res: StandInResponse, method: string, path: string) {
  const seen = ctx.unknownRoutes.some((route) => route.method === method && route.path === path)
  ctx.unknownRoutes.push({method, path, at: new Date().toISOString()})
  // Once per route: the presence socket alone retries every few seconds.
  if (!seen) console.warn(`[lake stand-in] unknown route ${method} ${path}`)
  sendJson(req, res, 404, {error: {description: `The local Content Lake stand-in does not implement ${method} ${path}`}})
}
