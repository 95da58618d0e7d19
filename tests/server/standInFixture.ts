/**
 * A stand-in on a temporary dataset for the server tests, reached the two ways the issue asks for: Sanity's own
 * client (`@sanity/client` 7.28 over HTTPS/1.1, certificate accepted through NODE_TLS_REJECT_UNAUTHORIZED) and raw
 * HTTP/2 requests (node:http2, `rejectUnauthorized: false`) for what a client library would never send.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import {connect, constants, type ClientHttp2Session, type IncomingHttpHeaders} from 'node:http2'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {createClient, type ClientConfig, type SanityClient} from '@sanity/client'

import {LocalLake, type Mutation} from '../../lake'
import {startStandIn, type RunningStandIn, type StandInOptions} from '../../lake/server'

export const PROJECT_ID = 'chinadesk-local'

export interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  text: string
  json(): any
}

export interface ServerFixture {
  dir: string
  datasetFile: string
  lake: LocalLake
  standIn: RunningStandIn
  client(config?: Partial<ClientConfig>): SanityClient
  /**
   * One HTTP/2 request; `headers` may override `:authority` and add `origin`. `cancelAfterMs` resets the stream
   * (a browser tab closing) and resolves with status 0.
   */
  request(
    method: string,
    path: string,
    options?: {body?: Buffer | string | object; headers?: Record<string, string>; cancelAfterMs?: number},
  ): Promise<Reply>
  close(): Promise<void>
}

export async function startServerFixture(
  options: {seed?: Mutation[]} & Partial<Omit<StandInOptions, 'lake' | 'datasetFile' | 'projectId'>> = {},
): Promise<ServerFixture> {
  // @sanity/client has no option for a self-signed certificate; the tests trust it for this process only.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
  const {seed, ...standInOptions} = options
  const dir = await mkdtemp(join(tmpdir(), 'stand-in-server-'))
  const datasetFile = join(dir, 'production.ndjson')
  const lake = await LocalLake.open(datasetFile, {createIfMissing: true})
  if (seed?.length) await lake.mutate(seed, {transactionId: 'seed'})
  const standIn = await startStandIn({lake, datasetFile, projectId: PROJECT_ID, queryWorkers: 1, ...standInOptions})
  let session: ClientHttp2Session | undefined
  const h2 = () => {
    if (!session || session.closed || session.destroyed) session = connect(standIn.origin, {rejectUnauthorized: false})
    return session
  }

  return {
    dir,
    datasetFile,
    lake,
    standIn,
    client: (config = {}) =>
      createClient({
        projectId: PROJECT_ID,
        dataset: 'production',
        apiHost: standIn.origin,
        useProjectHostname: false,
        apiVersion: '2025-02-19',
        useCdn: false,
        maxRetries: 0,
        ...config,
      }),
    request: (method, path, {body, headers = {}, cancelAfterMs} = {}) =>
      new Promise((resolve, reject) => {
        const stream = h2().request({':method': method, ':path': path, ...headers})
        const chunks: Buffer[] = []
        let status = 0
        let responseHeaders: IncomingHttpHeaders = {}
        stream.on('response', (h) => {
          status = Number(h[':status'])
          responseHeaders = h
        })
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          const data = Buffer.concat(chunks)
          resolve({status, headers: responseHeaders, body: data, text: data.toString(), json: () => JSON.parse(data.toString())})
        })
        stream.on('error', reject)
        if (cancelAfterMs !== undefined) {
          setTimeout(() => {
            stream.close(constants.NGHTTP2_CANCEL)
            resolve({status: 0, headers: {}, body: Buffer.alloc(0), text: '', json: () => undefined})
          }, cancelAfterMs)
        }
        const payload = body === undefined || Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body)
        stream.end(payload)
      }),
    close: async () => {
      session?.close()
      await standIn.close()
      await lake.close()
      await rm(dir, {recursive: true, force: true})
    },
  }
}
