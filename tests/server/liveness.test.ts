/**
 * One request never stops the others: queries run in worker threads with a time limit (2 s here, 10 s by
 * default), so while a pathological query runs `/v1/ping`, listeners and mutations keep answering within 100 ms;
 * the query answers 408, oversized queries 413 at once, and a client that leaves stops its query.
 * The server runs in this test's own thread, so every latency measured here is the event loop's.
 *
 * The machine these tests run on is shared (load average 13–16 on 2 cores while this was written), so a ping can
 * wait for the scheduler: nine in ten pings must answer within 100 ms and none may take 500 ms, where a blocked
 * event loop would hold every ping for the query's full 2 s.
 */
import type {MutationEvent} from '@sanity/client'
import {ClientError} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startServerFixture, type ServerFixture} from './standInFixture'

const TIMEOUT_MS = 2000
const DOCS = 60
/** n⁴ row evaluations that depend on the outer row (`^`), so no planner can hoist them: far past the limit. */
const NESTED_COUNT = 'count(*[count(*[count(*[count(*[n >= ^.n]) > 0 && n >= ^.n]) > 0 && n >= ^.n]) > 0])'
/** groq-js parses an `||` chain in time that grows faster than its length: 3,000 terms (62 KB) take ~15 s. */
const orChain = (terms: number) => `*[${Array.from({length: terms}, (_, i) => `_id == "doc-${i}"`).join(' || ')}]`

let fixture: ServerFixture

beforeAll(async () => {
  fixture = await startServerFixture({
    queryWorkers: 2,
    queryTimeoutMs: TIMEOUT_MS,
    seed: Array.from({length: DOCS}, (_, n) => ({create: {_id: `temp.${n}`, _type: 'temp', n}})),
  })
  await workersReady()
})

afterAll(async () => {
  await fixture?.close()
})

/** Waits until every worker has loaded the dataset (a replaced worker takes a second or two), then warms up. */
async function workersReady(): Promise<void> {
  const started = performance.now()
  while (fixture.standIn.queryStats().ready < fixture.standIn.queryStats().workers && performance.now() - started < 30_000) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  expect(fixture.standIn.queryStats().ready).toBe(2)
  await fixture.request('GET', '/v1/ping')
}

/** Every ping under 500 ms, nine in ten under 100 ms (see the header); logs the figures for the report. */
function expectResponsive(latencies: number[], label: string): void {
  const sorted = [...latencies].sort((a, b) => a - b)
  const p90 = sorted[Math.floor(sorted.length * 0.9)]
  console.info(`${label}: ${sorted.length} pings, median ${sorted[sorted.length >> 1].toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`)
  expect(sorted.length).toBeGreaterThan(15)
  expect(p90).toBeLessThan(100)
  expect(sorted.at(-1)).toBeLessThan(500)
}

/** Pings every 20 ms until stopped; returns each ping's latency. */
function watchPings() {
  const latencies: number[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      const reply = await fixture.request('GET', '/v1/ping')
      expect(reply.json()).toBe('PONG')
      latencies.push(performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return latencies
    },
  }
}

async function timedRejection(promise: Promise<unknown>): Promise<{error: ClientError; ms: number}> {
  const started = performance.now()
  const error = await promise.then(
    () => undefined,
    (e) => e,
  )
  expect(error).toBeInstanceOf(ClientError)
  return {error, ms: performance.now() - started}
}

describe('pathological queries', () => {
  it('a nested count answers 408 at the time limit while pings, a mutation and its listener event keep answering', async () => {
    const client = fixture.client()
    const heard: MutationEvent[] = []
    const subscription = client.listen('*[_id == "temp.live"]', {}, {events: ['mutation']}).subscribe((event) => heard.push(event as MutationEvent))
    await new Promise((resolve) => setTimeout(resolve, 300))
    const pings = watchPings()
    const query = timedRejection(client.fetch(NESTED_COUNT))

    await new Promise((resolve) => setTimeout(resolve, 500))
    const writeStarted = performance.now()
    await client.create({_id: 'temp.live', _type: 'temp', n: -1})
    const writeMs = performance.now() - writeStarted
    while (heard.length === 0 && performance.now() - writeStarted < 1000) await new Promise((resolve) => setTimeout(resolve, 5))
    const heardMs = performance.now() - writeStarted
    subscription.unsubscribe()

    const {error, ms} = await query
    const latencies = await pings.stop()
    expect(error.statusCode).toBe(408)
    expect(error.message).toMatch(/Query timed out: evaluation exceeded the 2000 ms limit/)
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50)
    expect(ms).toBeLessThan(TIMEOUT_MS + 1500)
    expectResponsive(latencies, 'nested count')
    console.info(`nested count: mutation committed in ${writeMs.toFixed(1)} ms, its listener event after ${heardMs.toFixed(1)} ms`)
    // The commit includes an fsync of the transaction log, which the shared disk makes slower than a ping.
    expect(writeMs).toBeLessThan(500)
    expect(heard[0]).toMatchObject({documentId: 'temp.live', transition: 'appear'})
    expect(heardMs).toBeLessThan(500)
  })

  it('a 3,000-term || chain (under the size limit) times out the same way, pings unaffected', async () => {
    await workersReady()
    const pings = watchPings()
    const {error} = await timedRejection(fixture.client().fetch(orChain(3000)))
    const latencies = await pings.stop()
    expect(error.statusCode).toBe(408)
    expectResponsive(latencies, '3,000-term chain')
  })

  it('the 100,000-term chain (2.2 MB) is refused at once as too large', async () => {
    const query = orChain(100_000)
    expect(query.length).toBeGreaterThan(2_000_000)
    const {error, ms} = await timedRejection(fixture.client().fetch(query))
    expect(error.statusCode).toBe(413)
    expect(error.message).toMatch(/^Query too large/)
    expect(ms).toBeLessThan(1000)
    const {error: withParams} = await timedRejection(fixture.client().fetch('*[_id == $id]', {id: 'x'.repeat(305_000)}))
    expect(withParams.message).toMatch(/Query too large: \d+ bytes with its parameters; the limit is 300000 bytes/)
  })

  it('a client that leaves stops its query: the worker is replaced before the time limit', async () => {
    await workersReady()
    const replacedBefore = fixture.standIn.queryStats().replaced
    const started = performance.now()
    const cancelled = fixture.request('POST', '/v2025-02-19/data/query/production', {body: {query: NESTED_COUNT}, cancelAfterMs: 300})
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(fixture.standIn.queryStats().running).toBe(1)
    expect((await cancelled).status).toBe(0)
    while (fixture.standIn.queryStats().replaced === replacedBefore && performance.now() - started < TIMEOUT_MS) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(fixture.standIn.queryStats().replaced).toBe(replacedBefore + 1)
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS - 500)
  })
})

describe('after timeouts', () => {
  it('fresh workers answer exactly as the in-process lake, and see writes at once', async () => {
    const client = fixture.client()
    await client.createOrReplace({_id: 'drafts.temp.1', _type: 'temp', n: 100})
    for (const perspective of ['raw', 'drafts', 'published'] as const) {
      const query = '*[_type == "temp" && n >= $min] | order(n desc)[0...5]{_id, n}'
      expect(await client.fetch(query, {min: 1}, {perspective})).toEqual(await fixture.lake.fetch(query, {min: 1}, {perspective}))
    }
    expect(await client.fetch('*[_id == "temp.1"][0].n', {}, {perspective: 'drafts'})).toBe(100)
  })
})
