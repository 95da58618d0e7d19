/**
 * `/data/listen/<ds>`: the Content Lake's server-sent events. `welcome` first, then one `mutation` event per
 * document per transaction that matches the listener's filter. The Studio's document store applies each event's
 * `mutations` to its copy and checks `previousRev`, and its history reads the Mendoza `effects`; both are derived
 * from the store's before/after documents so they reproduce the stored result exactly.
 */
import {randomUUID} from 'node:crypto'

import {evaluate, parse} from 'groq-js'

import {corsHeaders} from '../http'
import {LOCAL_EDITOR} from './identity'
import {mendozaEffects} from '../mendozaEffects'
import type {Route, RouteCall} from '../route'
import type {Doc, LakeMutationEvent} from '../../types'

const KEEP_ALIVE_MS = 25_000

type Matcher = (doc: Doc | null) => Promise<boolean>

function compileFilter(query: string, params: Record<string, unknown>): Matcher {
  if (query.trim() === '*') return async (doc) => doc !== null
  const tree = parse(query, {params})
  return async (doc) => {
    if (!doc) return false
    const value = await evaluate(tree, {dataset: [doc], params})
    const data = await value.get()
    return Array.isArray(data) ? data.length > 0 : Boolean(data)
  }
}

function listenerParams(url: URL): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [name, raw] of url.searchParams) if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(raw)
  return params
}

function withoutRev(doc: Doc | null): Doc | null {
  if (!doc) return null
  const {_rev, ...rest} = doc
  return rest as Doc
}

/** One document's change as this listener sees it: whether the document matched the filter before and after. */
interface ListenerChange {
  event: LakeMutationEvent
  matchedBefore: boolean
  matchedAfter: boolean
}

/**
 * The event as the Content Lake sends it. `transition` is relative to the listener's filter, not to existence;
 * a deletion's `resultRev` is the transaction id (the Studio chains events by `previousRev` → `resultRev` and
 * silently drops an event whose `resultRev` is missing, which left deleted drafts on screen after Publish);
 * `transactionCurrentEvent` is zero-based.
 */
function mutationPayload({event, matchedBefore, matchedAfter}: ListenerChange, index: number, total: number, url: URL) {
  const flag = (name: string, fallback: boolean) => {
    const value = url.searchParams.get(name)
    return value === null ? fallback : value === 'true'
  }
  const result = withoutRev(event.result)
  return {
    eventId: `${event.transactionId}#${event.documentId}`,
    documentId: event.documentId,
    transactionId: event.transactionId,
    transition: !matchedBefore ? 'appear' : !matchedAfter ? 'disappear' : 'update',
    identity: LOCAL_EDITOR.id,
    // Whole-document mutations: the Studio's mutator replays them onto its copy, so they must give the exact result.
    mutations: flag('includeMutations', true)
      ? [result ? {createOrReplace: result} : {delete: {id: event.documentId}}]
      : undefined,
    ...(event.previous ? {previousRev: event.previousRev ?? event.previous._rev} : {}),
    resultRev: event.resultRev ?? event.result?._rev ?? event.transactionId,
    ...(flag('includeResult', true) && event.result ? {result: event.result} : {}),
    ...(flag('includePreviousRevision', false) && event.previous ? {previous: event.previous} : {}),
    effects: url.searchParams.get('effectFormat') === 'mendoza' ? mendozaEffects(event.previous, event.result) : undefined,
    timestamp: (event.result?._updatedAt as string | undefined) ?? event.timestamp,
    visibility: 'query',
    transactionTotalEvents: total,
    transactionCurrentEvent: index,
  }
}

function handleListen({ctx, req, res, url}: RouteCall): void {
  const query = url.searchParams.get('query') ?? '*'
  let matches: Matcher
  try {
    matches = compileFilter(query, listenerParams(url))
  } catch (error) {
    res.writeHead(400, {...corsHeaders(req), 'content-type': 'application/json'})
    res.end(JSON.stringify({error: {description: `Invalid listener query: ${(error as Error).message}`}}))
    return
  }
  res.writeHead(200, {
    ...corsHeaders(req),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
  })
  const send = (type: string, data: unknown, id?: string) =>
    res.write(`${id ? `id: ${id}\n` : ''}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`)
  send('welcome', {listenerName: `local-${randomUUID()}`})

  // Events of one transaction arrive one by one; collect them so `transactionTotalEvents` is right.
  const batches = new Map<string, LakeMutationEvent[]>()
  const flush = async (transactionId: string) => {
    const events = batches.get(transactionId) ?? []
    batches.delete(transactionId)
    const matching: ListenerChange[] = []
    for (const event of events) {
      const [matchedBefore, matchedAfter] = [await matches(event.previous), await matches(event.result)]
      if (matchedBefore || matchedAfter) matching.push({event, matchedBefore, matchedAfter})
    }
    matching.forEach((change, index) => {
      const payload = mutationPayload(change, index, matching.length, url)
      send('mutation', payload, payload.eventId)
    })
  }
  const stop = ctx.lake.listen((event) => {
    const batch = batches.get(event.transactionId)
    if (batch) return void batch.push(event)
    batches.set(event.transactionId, [event])
    setImmediate(() => void flush(event.transactionId).catch((error) => console.error('[lake stand-in] listen', error)))
  })
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS)
  const close = () => {
    clearInterval(keepAlive)
    stop()
  }
  res.on('close', close)
  req.on('error', close)
}

export const listenRoutes: Route[] = [{method: 'GET', pattern: /^\/data\/listen\/[^/]+$/, handle: handleListen}]
