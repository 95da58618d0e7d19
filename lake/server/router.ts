/**
 * Dispatch: CORS preflights, `/v<apiVersion>/...` API routes, asset files, and (when a Studio build is served
 * from the same port) everything else as the Studio app. Every API route nobody answers is recorded in
 * `unknownRoutes` and logged, so tests notice when a new Studio release starts calling something new.
 */
import {addonRoutes} from './routes/addons'
import {assetRoutes, serveAssetFile} from './routes/assets'
import {exportRoutes} from './routes/export'
import {historyRoutes} from './routes/history'
import {identityRoutes} from './routes/identity'
import {listenRoutes} from './routes/listen'
import {queryRoutes} from './routes/query'
import {writeRoutes} from './routes/write'
import {corsHeaders, sendError, sendJson, type StandInRequest, type StandInResponse} from './http'
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
const VERSION_PREFIX = /^\/v(?:\d{4}-\d{2}-\d{2}|X|\d+)(\/.*)$/

export const UNKNOWN_ROUTES_PATH = '/__local-lake/unknown-routes'

export function createRequestHandler(ctx: StandInContext, studioDir?: string) {
  return async function handle(req: StandInRequest, res: StandInResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://localhost')
    const method = (req.method ?? 'GET').toUpperCase()
    try {
      if (method === 'OPTIONS') {
        res.writeHead(204, corsHeaders(req))
        res.end()
        return
      }
      if (url.pathname === UNKNOWN_ROUTES_PATH) return sendJson(req, res, 200, ctx.unknownRoutes)
      if (method === 'GET' && (await serveAssetFile(ctx, req, res, url.pathname))) return

      const versioned = VERSION_PREFIX.exec(url.pathname)
      if (!versioned) {
        if (studioDir && (method === 'GET' || method === 'HEAD')) return await serveStatic(studioDir, url.pathname, res)
        return recordUnknown(ctx, req, res, method, url.pathname)
      }
      const path = versioned[1]
      for (const route of ROUTES) {
        if (route.method !== method) continue
        const match = route.pattern.exec(path)
        if (!match) continue
        const params = match.slice(1).map((value) => decodeURIComponent(value ?? ''))
        await route.handle({ctx, req, res, params, url})
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
