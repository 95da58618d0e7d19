/**
 * The local Content Lake stand-in over real HTTP/2 (no browser): the routes the Studio needs, answered from a
 * LocalLake on a temporary file, and the listener's Mendoza effects checked against the stored documents.
 */
import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {connect, type ClientHttp2Session} from 'node:http2'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {applyPatch} from 'mendoza'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {startStandIn, type RunningStandIn} from '../../lake/server'
import {makePng} from './harness/pngFixture'

const run = promisify(execFile)

let dir: string
let lake: LocalLake
let standIn: RunningStandIn
let client: ClientHttp2Session

interface Reply {
  status: number
  body: Buffer
  json: () => any
}

function request(method: string, path: string, body?: Buffer | object, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const stream = client.request({':method': method, ':path': path, ...headers})
    const chunks: Buffer[] = []
    let status = 0
    stream.on('response', (h) => (status = Number(h[':status'])))
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => {
      const data = Buffer.concat(chunks)
      resolve({status, body: data, json: () => JSON.parse(data.toString())})
    })
    stream.on('error', reject)
    stream.end(body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body))
  })
}

/** Opens a listener and collects its server-sent events until `count` mutation events arrived. */
function listen(query: string, params: Record<string, unknown>, count: number) {
  const search = new URLSearchParams({query, effectFormat: 'mendoza', includeResult: 'false'})
  for (const [name, value] of Object.entries(params)) search.set(`$${name}`, JSON.stringify(value))
  const stream = client.request({':path': `/v2025-02-19/data/listen/production?${search}`})
  let text = ''
  let welcome: () => void
  const welcomed = new Promise<void>((resolve) => (welcome = resolve))
  const events = new Promise<{event: string; data: any}[]>((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('event: welcome')) welcome()
      const parsed = text
        .split('\n\n')
        .filter((block) => block.includes('event: '))
        .map((block) => ({
          event: /event: (.*)/.exec(block)![1],
          data: JSON.parse(/data: (.*)/.exec(block)?.[1] ?? 'null'),
        }))
      if (parsed.filter((e) => e.event === 'mutation').length >= count) {
        stream.close()
        resolve(parsed)
      }
    })
  })
  return {welcomed, events}
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stand-in-'))
  lake = await LocalLake.open(join(dir, 'production.ndjson'), {createIfMissing: true})
  await lake.mutate([
    {create: {_id: 'company.acme', _type: 'company', name: 'Acme', slug: {_type: 'slug', current: 'acme'}}},
    {create: {_id: 'drafts.company.acme', _type: 'company', name: 'Acme (draft)', slug: {_type: 'slug', current: 'acme'}}},
    {create: {_id: 'company.zeta', _type: 'company', name: 'Zeta', meta: {tier: 1, tags: ['a']}}},
  ])
  standIn = await startStandIn({lake, datasetFile: join(dir, 'production.ndjson'), projectId: 'chinadesk-local'})
  client = connect(standIn.origin, {rejectUnauthorized: false})
})

afterAll(async () => {
  client?.close()
  await standIn?.close()
  await lake?.close()
  await rm(dir, {recursive: true, force: true})
})

describe('local Content Lake stand-in', () => {
  it('refuses to bind anywhere but loopback', async () => {
    await expect(startStandIn({lake, datasetFile: join(dir, 'x.ndjson'), projectId: 'p', host: '0.0.0.0'})).rejects.toThrow(
      /only binds to 127\.0\.0\.1 \(got --host 0\.0\.0\.0\)/,
    )
  })

  it('npm run studio refuses a non-loopback --host before doing anything', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', 'scripts/studio.ts', '--host', '0.0.0.0'], {cwd: join(import.meta.dirname, '..', '..')}).catch((error) => error)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/only binds to 127\.0\.0\.1 \(got --host 0\.0\.0\.0\)/)
  }, 60_000)

  it('npm run studio refuses a --cors-origin that is not an origin, before doing anything', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', 'scripts/studio.ts', '--cors-origin', 'http://localhost:3000/app'], {cwd: join(import.meta.dirname, '..', '..')}).catch((error) => error)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/--cors-origin "http:\/\/localhost:3000\/app" must be an origin \(scheme, host and port only\)/)
  }, 60_000)

  it('shows commits made by another process to open listeners', async () => {
    const {welcomed, events} = listen('*[_id == $id]', {id: 'section.other'}, 1)
    await welcomed
    const other = await LocalLake.open(join(dir, 'production.ndjson'))
    await other.mutate([{create: {_id: 'section.other', _type: 'section', title: 'From another process'}}], {transactionId: 'tx-other'})
    await other.close()
    const mutation = (await events).find((e) => e.event === 'mutation')!
    expect(mutation.data).toMatchObject({documentId: 'section.other', transactionId: 'tx-other', transition: 'appear'})
  }, 30_000)

  it('speaks HTTP/2 and logs the local editor in', async () => {
    const me = await request('GET', '/v2021-06-07/users/me')
    expect(client.alpnProtocol).toBe('h2')
    expect(me.status).toBe(200)
    expect(typeof me.json().id).toBe('string')
  })

  it('answers queries in the raw, drafts and published perspectives with JSON-encoded $params', async () => {
    const query = encodeURIComponent('*[_type == $type] | order(_id asc).name')
    const names = async (perspective: string) =>
      (await request('GET', `/vX/data/query/production?query=${query}&%24type=%22company%22&perspective=${perspective}`)).json()
    expect([...(await names('raw')).result].sort()).toEqual(['Acme', 'Acme (draft)', 'Zeta'])
    expect((await names('published')).result).toEqual(['Acme', 'Zeta'])
    expect((await names('drafts')).result).toEqual(['Acme (draft)', 'Zeta'])
    const posted = await request('POST', '/v2025-02-19/data/query/production?perspective=published', {query: '*[_id == $id][0].name', params: {id: 'company.zeta'}})
    expect(posted.json()).toMatchObject({query: '*[_id == $id][0].name', result: 'Zeta'})
  })

  it('returns documents by id with the missing ones under omitted', async () => {
    const reply = (await request('GET', '/v1/data/doc/production/company.acme,drafts.company.acme,company.none')).json()
    expect(reply.documents.map((doc: {_id: string}) => doc._id)).toEqual(['company.acme', 'drafts.company.acme'])
    expect(reply.omitted).toEqual([{id: 'company.none', reason: 'existence'}])
  })

  it('edits and publishes through document actions and streams mutation events with exact Mendoza effects', async () => {
    const {welcomed, events} = listen('*[_id in $ids]', {ids: ['company.zeta', 'drafts.company.zeta']}, 3)
    await welcomed
    const before = await lake.getDocument('company.zeta')
    const edit = await request('POST', '/v2025-02-19/data/actions/production', {
      transactionId: 'tx-edit',
      actions: [{actionType: 'sanity.action.document.edit', draftId: 'drafts.company.zeta', publishedId: 'company.zeta', patch: {set: {name: 'Zeta AI', 'meta.tier': 2}}}],
    })
    expect(edit.json()).toEqual({transactionId: 'tx-edit'})
    const draft = await lake.getDocument('drafts.company.zeta')
    expect(draft).toMatchObject({name: 'Zeta AI', meta: {tier: 2, tags: ['a']}, _rev: 'tx-edit'})

    const publish = await request('POST', '/v2025-02-19/data/actions/production', {
      transactionId: 'tx-publish',
      actions: [{actionType: 'sanity.action.document.publish', draftId: 'drafts.company.zeta', publishedId: 'company.zeta'}],
    })
    expect(publish.status).toBe(200)
    expect(await lake.getDocument('drafts.company.zeta')).toBeUndefined()
    const after = await lake.getDocument('company.zeta')
    expect(after?.name).toBe('Zeta AI')

    const stream = await events
    expect(stream[0].event).toBe('welcome')
    const mutations = stream.filter((e) => e.event === 'mutation').map((e) => e.data)
    expect(mutations.map((m) => [m.transactionId, m.documentId, m.transition])).toEqual([
      ['tx-edit', 'drafts.company.zeta', 'appear'],
      ['tx-publish', 'company.zeta', 'update'],
      ['tx-publish', 'drafts.company.zeta', 'disappear'],
    ])
    expect(mutations[1]).toMatchObject({transactionTotalEvents: 2, transactionCurrentEvent: 0, previousRev: before?._rev, resultRev: 'tx-publish', visibility: 'query'})
    const strip = ({_rev, ...doc}: Record<string, unknown>) => doc
    expect(applyPatch(strip(before!), mutations[1].effects.apply)).toEqual(strip(after!))
    expect(applyPatch(strip(after!), mutations[1].effects.revert)).toEqual(strip(before!))
  })

  it('rejects a publish without a draft with 409 and writes nothing', async () => {
    const reply = await request('POST', '/v2025-02-19/data/actions/production', {
      actions: [{actionType: 'sanity.action.document.publish', draftId: 'drafts.company.none', publishedId: 'company.none'}],
    })
    expect(reply.status).toBe(409)
    expect(reply.json().error.description).toMatch(/no draft "drafts.company.none"/)
  })

  it('applies the mutations API', async () => {
    const reply = await request('POST', '/v2021-06-07/data/mutate/production?returnIds=true', {
      mutations: [{create: {_id: 'drafts.', _type: 'company', name: 'New'}}, {patch: {id: 'company.acme', set: {website: 'https://acme.example'}}}],
    })
    const body = reply.json()
    expect(body.results[0].id).toMatch(/^drafts\.[A-Za-z0-9]+$/)
    expect((await lake.getDocument('company.acme'))?.website).toBe('https://acme.example')
  })

  it('stores uploaded images beside the dataset with their dimensions and serves them back', async () => {
    const png = makePng(3, 2)
    const reply = await request('POST', '/v2021-06-07/assets/images/production?filename=logo.png', png, {'content-type': 'image/png'})
    const asset = reply.json().document
    expect(asset).toMatchObject({_type: 'sanity.imageAsset', extension: 'png', originalFilename: 'logo.png', metadata: {dimensions: {width: 3, height: 2}, hasAlpha: false}})
    expect(asset._id).toMatch(/^image-[0-9a-f]{40}-3x2-png$/)
    expect(asset.url.startsWith(`${standIn.origin}/images/chinadesk-local/production/`)).toBe(true)
    expect(await lake.getDocument(asset._id)).toBeDefined()
    expect(await readFile(join(dir, 'assets', `${asset.sha1hash}-3x2.png`))).toEqual(png)
    // @sanity/image-url builds this shape from the apiHost; query strings (w, fit, auto) are ignored.
    const served = await request('GET', `/images/chinadesk-local/production/${asset.sha1hash}-3x2.png?w=100&auto=format`)
    expect(served.status).toBe(200)
    expect(served.body).toEqual(png)
  })

  it('records the API routes it does not know', async () => {
    const reply = await request('GET', '/v2025-02-19/journey/announcements')
    expect(reply.status).toBe(404)
    expect(standIn.unknownRoutes.map((route) => `${route.method} ${route.path}`)).toContain('GET /journey/announcements')
  })
})
