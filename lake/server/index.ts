/**
 * The local Content Lake stand-in: an HTTP/2 (TLS, HTTP/1 fallback) server on 127.0.0.1 that answers the part of
 * Sanity's HTTP API the Studio uses, backed by one `LocalLake` — the same file, transactions and perspectives
 * as `npm run query` and the importer. A development, demo and test tool: production uses a real Sanity project.
 *
 * The Studio is built with `apiHost: https://localhost:<port>` and then calls `https://<projectId>.localhost:<port>`;
 * browsers resolve `*.localhost` to loopback. HTTP/2 matters: the Studio keeps seven to nine EventSource listeners
 * open, and HTTP/1.1's six connections per host would stall document loads.
 */
import {createSecureServer, type Http2ServerRequest, type Http2ServerResponse, type Http2Session} from 'node:http2'
import {dirname, join, resolve} from 'node:path'

import {createLocalhostCertificate} from './certificate'
import {hidePathInErrors} from './errorText'
import {DEFAULT_QUERY_TIMEOUT_MS, DEFAULT_QUERY_WORKERS} from './limits'
import {OriginPolicy} from './originPolicy'
import {InProcessQueryRunner, type QueryRunner} from './queryWorkers/queryRunner'
import {WorkerQueryRunner} from './queryWorkers/workerPool'
import {createRequestHandler, UNKNOWN_ROUTES_PATH} from './router'
import type {LakeStore, StandInContext, UnknownRoute} from './types'

export type {LakeStore, UnknownRoute} from './types'
export {UNKNOWN_ROUTES_PATH} from './router'

/** The only address the stand-in binds to: it serves an unauthenticated, writable dataset. */
export const LOOPBACK_HOST = '127.0.0.1'

export interface StandInOptions {
  lake: LakeStore
  /** The dataset file the lake was opened on; uploads go to `assets/` beside it. */
  datasetFile: string
  projectId: string
  dataset?: string
  /** 0 picks a free port. */
  port?: number
  /** Only loopback is accepted (`127.0.0.1` or `localhost`); anything else is refused with an error. */
  host?: string
  /** A `sanity build` output directory to serve on the same port (optional). */
  studioDir?: string
  /** Browser origins besides the Studio's own that may call the API (CORS), e.g. a front end on `http://localhost:3000`. */
  corsOrigins?: string[]
  /**
   * Worker threads that evaluate queries (default 2), each with its own read-only copy of the dataset. 0 evaluates
   * in this thread through `lake.fetch`, without a time limit: for stores that are not the dataset file.
   */
  queryWorkers?: number
  /** Per-query time limit in a worker (default 10 s); past it the query answers 408 and its worker is replaced. */
  queryTimeoutMs?: number
}

export interface RunningStandIn {
  port: number
  /** Where the Studio page is served, e.g. `https://localhost:3434`. */
  origin: string
  /** What the Studio's API calls go to, e.g. `https://chinadesk-local.localhost:3434`. */
  apiOrigin: string
  /** Every API route the stand-in did not know, in call order. */
  unknownRoutes: UnknownRoute[]
  /** The origins answered with CORS headers. */
  corsOrigins: string[]
  /** Query workers: how many, how many were replaced (timeouts, clients leaving), running and queued queries. */
  queryStats(): ReturnType<QueryRunner['stats']>
  close(): Promise<void>
}

export function assertLoopbackHost(host: string | undefined): void {
  if (host === undefined || host === LOOPBACK_HOST || host === 'localhost') return
  throw new Error(
    `The local Content Lake stand-in only binds to ${LOOPBACK_HOST} (got --host ${host}). It serves a writable ` +
      `dataset without authentication, so it must not be reachable from other machines; use a Sanity project ` +
      `(sanity dev / sanity deploy) to share a Studio.`,
  )
}

export async function startStandIn(options: StandInOptions): Promise<RunningStandIn> {
  assertLoopbackHost(options.host)
  const datasetFile = resolve(options.datasetFile)
  const origins = new OriginPolicy(options.corsOrigins)
  hidePathInErrors(dirname(datasetFile), '<dataset dir>')
  if (options.studioDir) hidePathInErrors(resolve(options.studioDir), '<studio build>')
  const workers = options.queryWorkers ?? DEFAULT_QUERY_WORKERS
  const inProcess = new InProcessQueryRunner(options.lake)
  const queries: QueryRunner =
    workers > 0
      ? new WorkerQueryRunner({datasetFile, workers, timeoutMs: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS, fallback: inProcess})
      : inProcess
  const ctx: StandInContext = {
    lake: options.lake,
    projectId: options.projectId,
    dataset: options.dataset ?? 'production',
    assetDir: join(dirname(datasetFile), 'assets'),
    publicOrigin: '',
    unknownRoutes: [],
    origins,
    queries,
  }
  const {key, cert} = await createLocalhostCertificate(options.projectId)
  const handler = createRequestHandler(ctx, options.studioDir && resolve(options.studioDir))
  const server = createSecureServer({key, cert, allowHTTP1: true}, (req: Http2ServerRequest, res: Http2ServerResponse) => {
    void handler(req, res)
  })
  const sessions = new Set<Http2Session>()
  server.on('session', (session) => {
    sessions.add(session)
    session.on('close', () => sessions.delete(session))
  })
  const sockets = new Set<import('node:net').Socket>()
  server.on('secureConnection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => resolveListen())
  }).catch(async (error: unknown) => {
    // E.g. the port is taken: the query workers already started must not outlive the failed start.
    await queries.close()
    throw error
  })
  // Other processes' commits (an import, a migration) reach open Studios without polling: a listening LocalLake
  // watches its dataset and turns them into listener events as they land (see LocalLake.listen).
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : Number(options.port)
  ctx.publicOrigin = `https://localhost:${port}`
  origins.allowStudio(options.projectId, port)
  return {
    port,
    origin: ctx.publicOrigin,
    apiOrigin: `https://${options.projectId}.localhost:${port}`,
    unknownRoutes: ctx.unknownRoutes,
    corsOrigins: origins.list(),
    queryStats: () => queries.stats(),
    close: () =>
      new Promise<void>((resolveClose) => {
        void queries.close()
        // Listeners keep streams open forever; end them so close() does not wait for the browser.
        for (const session of sessions) session.destroy()
        for (const socket of sockets) socket.destroy()
        server.close(() => resolveClose())
      }),
  }
}

/** For tests: the unknown routes a running stand-in has seen, read over HTTP from another process. */
export const unknownRoutesUrl = (origin: string) => `${origin}${UNKNOWN_ROUTES_PATH}`
