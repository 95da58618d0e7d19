/**
 * The stand-in's request handler on a plain-HTTP loopback port inside this process, for `npm run export`:
 * Sanity's own exporter (`@sanity/export`) then talks to the local dataset exactly as it talks to the Content
 * Lake (export stream, asset downloads), without a certificate to accept and without a Studio running.
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {dirname, join, resolve} from 'node:path'

import {LOOPBACK_HOST, type LakeStore} from '../../lake/server'
import type {StandInResponse} from '../../lake/server/http'
import {createRequestHandler} from '../../lake/server/router'
import type {StandInContext} from '../../lake/server/types'

export interface LoopbackStandIn {
  /** `http://127.0.0.1:<port>`: the client's `apiHost`, and the origin asset URLs point at. */
  origin: string
  close(): Promise<void>
}

export async function startLoopbackStandIn(options: {lake: LakeStore; datasetFile: string; projectId: string; dataset: string}): Promise<LoopbackStandIn> {
  const ctx: StandInContext = {
    lake: options.lake,
    projectId: options.projectId,
    dataset: options.dataset,
    assetDir: join(dirname(resolve(options.datasetFile)), 'assets'),
    publicOrigin: '',
    unknownRoutes: [],
  }
  const handle = createRequestHandler(ctx)
  // The handler is written against HTTP/2's compatibility API, which HTTP/1's request and response mirror.
  const server = createServer((req: IncomingMessage, res: ServerResponse) => void handle(req, res as unknown as StandInResponse))
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(0, LOOPBACK_HOST, () => resolveListen())
  })
  ctx.publicOrigin = `http://${LOOPBACK_HOST}:${(server.address() as AddressInfo).port}`
  return {
    origin: ctx.publicOrigin,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections()
        server.close(() => resolveClose())
      }),
  }
}
