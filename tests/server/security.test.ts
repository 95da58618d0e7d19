/**
 * The stand-in is safe to run while the developer browses the web: CORS only for the Studio's own origins and
 * `--cors-origin`, foreign pages' writes refused without a preflight, loopback `Host` only (DNS rebinding),
 * uploads served so they cannot run as pages, bad input answered 400, and no answer naming the machine's folders.
 */
import {existsSync} from 'node:fs'
import {mkdir, readdir, rename, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ClientError} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {PROJECT_ID, startServerFixture, type Reply, type ServerFixture} from './standInFixture'

const FOREIGN = 'https://evil.example'
const FRONT_END = 'http://localhost:3000'
const SVG_WITH_SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>'

let fixture: ServerFixture
let port: number
const studioDir = join(tmpdir(), `stand-in-studio-${process.pid}`)
/** Every error answer of this file, checked at the end for absolute paths. */
const errorBodies: string[] = []

async function call(method: string, path: string, options: Parameters<ServerFixture['request']>[2] = {}): Promise<Reply> {
  const reply = await fixture.request(method, path, options)
  if (reply.status >= 400) errorBodies.push(reply.text)
  return reply
}

beforeAll(async () => {
  await mkdir(studioDir, {recursive: true})
  await writeFile(join(studioDir, 'index.html'), '<!doctype html><title>Studio</title>')
  fixture = await startServerFixture({
    corsOrigins: [FRONT_END],
    queryWorkers: 0,
    studioDir,
    seed: [{create: {_id: 'company.acme', _type: 'company', name: 'Acme'}}],
  })
  port = fixture.standIn.port
})

afterAll(async () => {
  await fixture?.close()
  await rm(studioDir, {recursive: true, force: true})
})

describe('CORS', () => {
  it('answers the Studio page, its API host and --cors-origin origins, with credentials', async () => {
    for (const origin of [`https://localhost:${port}`, `https://${PROJECT_ID}.localhost:${port}`, `https://127.0.0.1:${port}`, FRONT_END]) {
      const reply = await call('GET', '/v2025-02-19/users/me', {headers: {origin}})
      expect(reply.status).toBe(200)
      expect(reply.headers['access-control-allow-origin']).toBe(origin)
      expect(reply.headers['access-control-allow-credentials']).toBe('true')
    }
    const preflight = await call('OPTIONS', '/v2025-02-19/data/mutate/production', {
      headers: {origin: `https://localhost:${port}`, 'access-control-request-method': 'POST'},
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/)
  })

  it('gives a foreign origin (or another port of localhost) no CORS headers and refuses its preflight', async () => {
    for (const origin of [FOREIGN, `https://localhost:${port + 1}`, 'null']) {
      const read = await call('GET', '/v2025-02-19/users/me', {headers: {origin}})
      expect(read.headers['access-control-allow-origin']).toBeUndefined()
      expect(read.headers['access-control-allow-credentials']).toBeUndefined()
      const preflight = await call('OPTIONS', '/v2025-02-19/data/mutate/production', {headers: {origin, 'access-control-request-method': 'POST'}})
      expect(preflight.status).toBe(403)
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
    }
  })

  it("refuses a foreign page's writes with 403 even without a preflight, and nothing is written", async () => {
    const origin = {origin: FOREIGN, 'content-type': 'text/plain'}
    const attempts = [
      await call('POST', '/v2025-02-19/data/mutate/production', {headers: origin, body: {mutations: [{delete: {id: 'company.acme'}}]}}),
      await call('POST', '/v2025-02-19/data/actions/production', {
        headers: origin,
        body: {actions: [{actionType: 'sanity.action.document.delete', publishedId: 'company.acme', includeDrafts: []}]},
      }),
      await call('POST', '/v2025-02-19/assets/files/production?filename=x.svg', {headers: origin, body: SVG_WITH_SCRIPT}),
      await call('PUT', '/v2025-02-19/users/me/keyvalue', {headers: origin, body: [{key: 'studio.x', value: 1}]}),
    ]
    for (const reply of attempts) {
      expect(reply.status).toBe(403)
      expect(reply.json().error).toMatchObject({type: 'corsOriginError', description: expect.stringMatching(/--cors-origin https:\/\/evil\.example/)})
    }
    expect(await fixture.lake.getDocument('company.acme')).toMatchObject({name: 'Acme'})
    expect(existsSync(join(fixture.dir, 'assets'))).toBe(false)
    const settings = await call('GET', '/v2025-02-19/users/me/keyvalue/studio.x')
    expect(settings.json()).toEqual([{key: 'studio.x', value: null}])
  })

  it('@sanity/client sees the refusal as a ClientError with status 403', async () => {
    const foreign = fixture.client({headers: {origin: FOREIGN}})
    const error = await foreign.create({_id: 'company.evil', _type: 'company'}).catch((e) => e)
    expect(error).toBeInstanceOf(ClientError)
    expect(error.statusCode).toBe(403)
    expect(error.message).toMatch(/not allowed to use this stand-in/)
    expect(await fixture.lake.getDocument('company.evil')).toBeUndefined()
  })
})

describe('Host header (DNS rebinding)', () => {
  it('answers loopback names only', async () => {
    for (const host of ['localhost', `${PROJECT_ID}.localhost`, '127.0.0.1', '[::1]']) {
      expect((await call('GET', '/v1/ping', {headers: {':authority': `${host}:${port}`}})).status).toBe(200)
    }
    for (const host of ['evil.example', 'localhost.evil.example', '192.168.1.20', 'evil.example:443@localhost']) {
      const reply = await call('GET', '/v2025-02-19/data/query/production?query=*', {headers: {':authority': `${host}:${port}`}})
      expect(reply.status).toBe(403)
      expect(reply.json().error.type).toBe('forbiddenHostError')
    }
  })
})

describe('uploaded files', () => {
  it('serves an uploaded SVG as a sandboxed download that cannot run on the Studio origin', async () => {
    const upload = await fixture.client().assets.upload('file', Buffer.from(SVG_WITH_SCRIPT), {filename: 'logo.svg', contentType: 'image/svg+xml'})
    const served = await call('GET', new URL(upload.url).pathname)
    expect(served.status).toBe(200)
    expect(served.text).toBe(SVG_WITH_SCRIPT)
    expect(served.headers['x-content-type-options']).toBe('nosniff')
    expect(served.headers['content-security-policy']).toMatch(/sandbox/)
    expect(served.headers['content-security-policy']).toMatch(/default-src 'none'/)
    expect(served.headers['content-disposition']).toMatch(/^attachment; filename="[0-9a-f]{40}\.svg"$/)
  })

  it('keeps odd characters of an upload name out of the stored file name and headers', async () => {
    const upload = await fixture.client().assets.upload('file', Buffer.from('hello'), {filename: 'a.t"x;t\r'})
    expect(upload.extension).toBe('txt')
    expect((await call('HEAD', new URL(upload.url).pathname)).headers['content-disposition']).toMatch(/\.txt"$/)
  })

  it('answers HEAD and GET of a missing asset with 404, not the Studio page', async () => {
    const path = `/images/${PROJECT_ID}/production/${'0'.repeat(40)}-3x2.png`
    expect((await call('HEAD', path)).status).toBe(404)
    const get = await call('GET', path)
    expect(get.status).toBe(404)
    expect(get.text).not.toMatch(/<title>Studio/)
    expect((await call('GET', '/structure/article')).text).toMatch(/<title>Studio/)
  })
})

describe('bad input gets 400 with a message', () => {
  it('malformed percent-encoding in asset, API and Studio paths', async () => {
    for (const path of ['/images/a/b/%', '/v1/data/doc/production/%E0%A4%A', '/structure/%zz']) {
      const reply = await call('GET', path)
      expect(reply.status).toBe(400)
      expect(reply.json().error.description).toMatch(/Malformed percent-encoding/)
    }
  })

  it('a listener URL longer than any @sanity/client sends (its filter is parsed on the event loop)', async () => {
    const query = encodeURIComponent(`*[${Array.from({length: 800}, (_, i) => `_id == "doc-${i}"`).join(' || ')}]`)
    const reply = await call('GET', `/v2025-02-19/data/listen/production?query=${query}`)
    expect(reply.status).toBe(414)
  })

  it('PUT /users/me/keyvalue with something other than an array of pairs', async () => {
    const client = fixture.client()
    for (const body of [{key: 'x', value: 1}, ['x'], [{value: 1}]]) {
      const error = await client.request({uri: '/users/me/keyvalue', method: 'PUT', body}).catch((e) => e)
      expect(error).toMatchObject({statusCode: 400})
      expect(error.message).toMatch(/array of \{"key": string|must be an object with a string "key"/)
    }
    await client.request({uri: '/users/me/keyvalue', method: 'PUT', body: [{key: 'studio.y', value: 2}]})
    expect(await client.request({uri: '/users/me/keyvalue/studio.y'})).toEqual([{key: 'studio.y', value: 2}])
  })
})

describe('error texts', () => {
  it('an unexpected failure answers 500 without the details, which go to the terminal', async () => {
    const assets = join(fixture.dir, 'assets')
    await rename(assets, `${assets}.moved`)
    await writeFile(assets, 'not a folder')
    try {
      const reply = await call('POST', '/v2025-02-19/assets/files/production?filename=a.txt', {body: 'abc'})
      expect(reply.status).toBe(500)
      expect(reply.json().error.description).toMatch(/details are in the terminal/)
    } finally {
      await rm(assets)
      await rename(`${assets}.moved`, assets)
    }
  })

  it('no answer of this file names an absolute folder of the machine', async () => {
    expect(errorBodies.length).toBeGreaterThan(15)
    const privatePaths = [fixture.dir, tmpdir(), process.cwd(), ...(await readdir(fixture.dir)).map((name) => join(fixture.dir, name))]
    for (const body of errorBodies) for (const path of privatePaths) expect(body).not.toContain(path)
  })
})
