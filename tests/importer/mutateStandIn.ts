/**
 * A loopback stand-in for the Content Lake's `/v<date>/data/mutate/<dataset>` and `/data/query/<dataset>`
 * endpoints, hostile on purpose: seeded random 429s (with Retry-After), 500s, connections dropped before
 * the transaction is applied and dropped after it was applied (the answer is lost). Like the real API it
 * refuses a transaction id it has already applied (409), which is what makes retries safe. It logs every
 * request's size and how many were in flight.
 */
import {createServer, type IncomingMessage, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

import {evaluate, parse} from 'groq-js'
import {mulberry32} from '../../scripts/bench/seededRandom'

export interface StandInOptions {
  seed?: number
  /** Probability of each fault per mutate request. */
  faults?: {rateLimit?: number; serverError?: number; dropBefore?: number; dropAfter?: number}
  retryAfterSeconds?: number
  token?: string
}

export interface RequestLogEntry {
  path: string
  bytes: number
  inFlight: number
  outcome: 'applied' | 'duplicate' | '429' | '500' | 'dropBefore' | 'dropAfter' | 'unavailable' | 'query' | 'unauthorized'
}

export class MutateStandIn {
  readonly documents = new Map<string, Record<string, unknown>>()
  /** How many times each document id was written (create/replace actually applied). */
  readonly writes = new Map<string, number>()
  readonly log: RequestLogEntry[] = []
  maxInFlight = 0
  /** When set, mutate answers 503 to everything (the Content Lake "goes away" mid-run). */
  unavailable = false
  private readonly transactions = new Set<string>()
  private inFlight = 0
  private random: () => number
  private server: Server | undefined

  constructor(private readonly options: StandInOptions = {}) {
    // Seeded, so a failing fault pattern can be replayed.
    this.random = mulberry32(options.seed ?? 42)
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.handle(request, response)
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise((resolve) => this.server?.close(resolve))
  }

  private async handle(request: IncomingMessage, response: import('node:http').ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(request.url ?? '/', 'http://stand-in')
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, {'content-type': 'application/json', ...headers})
      response.end(JSON.stringify(value))
    }
    if (request.headers.authorization !== `Bearer ${this.options.token ?? 'test-token'}`) {
      this.log.push({path: url.pathname, bytes: body.length, inFlight: this.inFlight, outcome: 'unauthorized'})
      return json(401, {error: 'Unauthorized', message: 'Session not found'})
    }
    if (/^\/v[^/]+\/data\/query\//.test(url.pathname)) {
      this.log.push({path: url.pathname, bytes: body.length, inFlight: this.inFlight, outcome: 'query'})
      return json(200, {result: await this.query(url, body)})
    }
    if (!/^\/v[^/]+\/data\/mutate\//.test(url.pathname)) return json(404, {error: 'Not found'})

    this.inFlight += 1
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    const entry: RequestLogEntry = {path: url.pathname, bytes: body.length, inFlight: this.inFlight, outcome: 'applied'}
    this.log.push(entry)
    try {
      await new Promise((resolve) => setTimeout(resolve, 5 + this.random() * 20))
      const {rateLimit = 0, serverError = 0, dropBefore = 0, dropAfter = 0} = this.options.faults ?? {}
      const roll = this.random()
      if (this.unavailable) return ((entry.outcome = 'unavailable'), json(503, {error: 'Service Unavailable'}))
      if (roll < rateLimit) {
        entry.outcome = '429'
        return json(429, {error: 'Too Many Requests'}, {'retry-after': String(this.options.retryAfterSeconds ?? 1)})
      }
      if (roll < rateLimit + serverError) return ((entry.outcome = '500'), json(500, {error: 'Internal Server Error'}))
      if (roll < rateLimit + serverError + dropBefore) return ((entry.outcome = 'dropBefore'), request.socket.destroy())
      const {mutations, transactionId} = JSON.parse(body.toString('utf8'))
      if (this.transactions.has(transactionId)) {
        entry.outcome = 'duplicate'
        return json(409, {error: 'Conflict', message: `The transaction ID "${transactionId}" already exists`})
      }
      this.transactions.add(transactionId)
      const results = mutations.map((mutation: Record<string, Record<string, unknown>>) => this.apply(mutation))
      if (roll < rateLimit + serverError + dropBefore + dropAfter) return ((entry.outcome = 'dropAfter'), request.socket.destroy())
      return json(200, {transactionId, results})
    } finally {
      this.inFlight -= 1
    }
  }

  private apply(mutation: Record<string, Record<string, unknown>>) {
    const [kind, document] = Object.entries(mutation)[0]
    const id = String(document._id)
    if (kind === 'createIfNotExists' && this.documents.has(id)) return {id, operation: 'none'}
    if (kind !== 'createIfNotExists' && kind !== 'createOrReplace') throw new Error(`stand-in: unsupported ${kind}`)
    this.documents.set(id, {...document, _rev: `rev-${this.transactions.size}`})
    this.writes.set(id, (this.writes.get(id) ?? 0) + 1)
    return {id, operation: 'create'}
  }

  private async query(url: URL, body: Buffer): Promise<unknown> {
    let query = url.searchParams.get('query') ?? ''
    let params: Record<string, unknown> = {}
    for (const [name, value] of url.searchParams) if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value)
    if (body.length > 0) ({query, params = {}} = JSON.parse(body.toString('utf8')))
    const result = await evaluate(parse(query, {params}), {dataset: [...this.documents.values()], params})
    return result.get()
  }
}
