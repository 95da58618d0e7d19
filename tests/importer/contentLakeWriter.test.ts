/**
 * The Content Lake writer against a hostile loopback stand-in: every document arrives exactly once,
 * no request body is over 256 KB, never more than 6 requests are in flight, 429s wait `Retry-After`,
 * and a run that dies midway finishes on rerun with nothing duplicated.
 */
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {ContentLakeTarget, DEFAULT_MAX_BODY_BYTES, MAX_IN_FLIGHT, runImport} from '../../importer'
import {retryDelayMs} from '../../importer/write/retryPolicy'
import type {Mutation} from '../../lake'
import {BUNDLED, FIXED_NOW, tempDir} from './importFixtures'
import {MutateStandIn} from './mutateStandIn'

let standIn: MutateStandIn | undefined
afterEach(async () => standIn?.stop())

async function target(options: ConstructorParameters<typeof MutateStandIn>[0], writeOptions = {}) {
  standIn = new MutateStandIn(options)
  const apiHost = await standIn.start()
  const delays: number[] = []
  const lake = new ContentLakeTarget(
    {projectId: 'standin', dataset: 'production', token: 'test-token', apiHost},
    {baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 30, ...writeOptions, sleep: async (ms) => {
      delays.push(ms)
      await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50)))
    }},
  )
  return {lake, delays, standIn}
}

function bulkyDocuments(count: number): Mutation[] {
  return Array.from({length: count}, (_, index) => ({
    createOrReplace: {_id: `company.bulk-${index}`, _type: 'company', name: `Bulk ${index}`, description: 'x'.repeat(9_000 + (index % 7) * 1_000)},
  }))
}

describe('Content Lake writer', () => {
  it('delivers every document exactly once through 429s, 500s and dropped connections', async () => {
    const {lake, delays, standIn} = await target({seed: 7, faults: {rateLimit: 0.15, serverError: 0.15, dropBefore: 0.1, dropAfter: 0.1}})
    const mutations = bulkyDocuments(400)
    const summary = await lake.write(mutations)

    expect(standIn.documents.size).toBe(400)
    expect([...standIn.writes.values()].every((count) => count === 1)).toBe(true)
    const mutateLog = standIn.log.filter((entry) => entry.path.includes('/data/mutate/'))
    expect(Math.max(...mutateLog.map((entry) => entry.bytes))).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES)
    expect(standIn.maxInFlight).toBeLessThanOrEqual(MAX_IN_FLIGHT)
    expect(standIn.maxInFlight).toBeGreaterThan(1)
    // Every kind of fault happened, and the answer-lost ones were recognised as already applied.
    const outcomes = new Set(mutateLog.map((entry) => entry.outcome))
    for (const outcome of ['429', '500', 'dropBefore', 'dropAfter', 'duplicate', 'applied']) expect(outcomes).toContain(outcome)
    expect(summary.transactions).toBe(mutateLog.filter((entry) => entry.outcome === 'applied' || entry.outcome === 'dropAfter').length)
    expect(summary.retries).toBe(mutateLog.length - summary.transactions)
    // After a 429 with Retry-After: 1 the writer waited at least a second.
    expect(delays.filter((ms) => ms >= 1000).length).toBe(mutateLog.filter((entry) => entry.outcome === '429').length)
  }, 120_000)

  it('honours Retry-After (seconds or HTTP date) and backs off exponentially otherwise', () => {
    const limited = {statusCode: 429, response: {headers: {'retry-after': '3'}}}
    expect(retryDelayMs(limited, 0, {random: () => 0})).toBe(3000)
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString()
    expect(retryDelayMs({statusCode: 429, response: {headers: {'retry-after': inTwoSeconds}}}, 0, {random: () => 0})).toBeGreaterThan(900)
    const serverError = {statusCode: 502}
    expect(retryDelayMs(serverError, 0, {baseDelayMs: 100, random: () => 1})).toBe(100)
    expect(retryDelayMs(serverError, 3, {baseDelayMs: 100, random: () => 1})).toBe(800)
    expect(retryDelayMs(serverError, 20, {baseDelayMs: 100, maxDelayMs: 5000, random: () => 1})).toBe(5000)
  })

  it('fails fast on a 4xx that is not 429, without leaking the token', async () => {
    const {lake} = await target({token: 'another-token'})
    const failure = lake.write(bulkyDocuments(1))
    await expect(failure).rejects.toThrow(/HTTP 401/)
    await expect(failure).rejects.not.toThrow(/test-token/)
  })

  it('imports the bundled article; a second run writes nothing', async () => {
    const {lake, standIn} = await target({seed: 3, faults: {serverError: 0.2, dropAfter: 0.2}})
    const first = await runImport({inputs: [BUNDLED], target: lake, now: FIXED_NOW})
    expect(first.totals.created).toBe(17)
    expect(standIn.documents.get('article.microsoft-claws-back-chinese-market')).toMatchObject({newsletterCta: true})
    const requestsBefore = standIn.log.filter((entry) => entry.path.includes('/mutate/')).length
    const second = await runImport({inputs: [BUNDLED], target: lake, now: () => new Date('2030-01-01T00:00:00Z')})
    expect(second.totals).toEqual({created: 0, updated: 0, unchanged: 17})
    expect(standIn.log.filter((entry) => entry.path.includes('/mutate/')).length).toBe(requestsBefore)
  }, 120_000)

  it('resumes: a run that dies midway is finished by a rerun, nothing duplicated', async () => {
    const dir = await tempDir('importer-resume-')
    const items = Array.from({length: 40}, (_, index) => `<item><title>Post ${index}</title><content:encoded><![CDATA[<p>${'Body text. '.repeat(200)}${index}</p>]]></content:encoded><wp:post_id>${index + 1}</wp:post_id><wp:post_date_gmt>2022-01-01 00:00:00</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><dc:creator>desk</dc:creator></item>`)
    const file = join(dir, 'export.xml')
    await writeFile(file, `<?xml version="1.0"?><rss xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel>${items.join('')}</channel></rss>`)
    const {lake, standIn} = await target({seed: 11}, {maxBodyBytes: 16 * 1024, concurrency: 2, maxAttempts: 2})
    let applied = 0
    const originalApply = standIn['apply'].bind(standIn)
    standIn['apply'] = (mutation: Record<string, Record<string, unknown>>) => {
      if (++applied === 15) standIn.unavailable = true
      return originalApply(mutation)
    }
    await expect(runImport({inputs: [file], target: lake, now: FIXED_NOW})).rejects.toThrow(/HTTP 503/)
    const arrived = standIn.documents.size
    expect(arrived).toBeGreaterThan(0)
    expect(arrived).toBeLessThan(41)

    standIn.unavailable = false
    const rerun = await runImport({inputs: [file], target: lake, now: FIXED_NOW})
    expect(standIn.documents.size).toBe(41)
    expect([...standIn.writes.values()].every((count) => count === 1)).toBe(true)
    expect(rerun.totals.unchanged).toBe(arrived)
    expect(rerun.totals.created).toBe(41 - arrived)
  }, 120_000)
})
