/**
 * The stand-in answers as the Content Lake does, checked through `@sanity/client` 7.28 (its `ClientError` carries
 * `statusCode`, `responseBody` and the message it builds from the error body): the default perspective follows
 * the API version, missing `$params` are an error, query-based delete/patch are transactional, unknown mutations
 * are 400 and conflicts 409, unknown datasets 404, and mutation bodies over 4,000,000 bytes are refused unread.
 */
import {readFile} from 'node:fs/promises'

import {ClientError} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {MissingParameterError} from '../../lake/query/parameters'
import {startServerFixture, type ServerFixture} from './standInFixture'

let fixture: ServerFixture

const temp = (n: number, extra: Record<string, unknown> = {}) => ({create: {_id: `temp.${n}`, _type: 'temp', n, ...extra}})

beforeAll(async () => {
  fixture = await startServerFixture({
    seed: [
      {create: {_id: 'company.acme', _type: 'company', name: 'Acme'}},
      {create: {_id: 'drafts.company.acme', _type: 'company', name: 'Acme (draft)'}},
      {create: {_id: 'drafts.company.new', _type: 'company', name: 'New (draft only)'}},
    ],
  })
})

afterAll(async () => {
  await fixture?.close()
})

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => undefined,
    (e) => e,
  )
  expect(error).toBeInstanceOf(ClientError)
  return error as ClientError
}

const names = (result: unknown) => [...(result as string[])].sort()

describe('default perspective', () => {
  const query = '*[_type == "company"].name'

  it('is published from API version 2025-02-19 on (and vX), raw before', async () => {
    expect(names(await fixture.client({apiVersion: '2025-02-19'}).fetch(query))).toEqual(['Acme'])
    expect(names(await fixture.client({apiVersion: '2026-01-01'}).fetch(query))).toEqual(['Acme'])
    expect(names(await fixture.client({apiVersion: 'X'}).fetch(query))).toEqual(['Acme'])
    expect(names(await fixture.client({apiVersion: '2025-02-18'}).fetch(query))).toEqual(['Acme', 'Acme (draft)', 'New (draft only)'])
    expect(names(await fixture.client({apiVersion: '1'}).fetch(query))).toEqual(['Acme', 'Acme (draft)', 'New (draft only)'])
  })

  it('an explicit perspective wins, as the Studio sends it', async () => {
    const client = fixture.client({apiVersion: '2025-02-19'})
    expect(names(await client.fetch(query, {}, {perspective: 'raw'}))).toEqual(['Acme', 'Acme (draft)', 'New (draft only)'])
    expect(names(await client.fetch(query, {}, {perspective: 'drafts'}))).toEqual(['Acme (draft)', 'New (draft only)'])
    expect(names(await fixture.client({apiVersion: '2021-06-07'}).fetch(query, {}, {perspective: 'published'}))).toEqual(['Acme'])
  })
})

describe('parameters', () => {
  it('a referenced $param that was not provided is a 400 naming it, like the Content Lake', async () => {
    const error = await rejection(fixture.client().fetch('*[_type == $type && name == $name]', {type: 'company'}))
    expect(error.statusCode).toBe(400)
    expect(JSON.parse(error.responseBody!).error).toMatchObject({
      type: 'queryParseError',
      description: 'param $name referenced, but not provided',
      start: 28,
      end: 33,
    })
    // The client turns the position into a code frame.
    expect(error.message).toMatch(/GROQ query parse error:[\s\S]*\^{5} param \$name referenced, but not provided/)
    expect(await fixture.client().fetch('*[_type == $type && name == $name][0]._id', {type: 'company', name: 'Acme'})).toBe('company.acme')
  })

  it('strings, comments and custom functions’ arguments are not parameters', async () => {
    const query = 'fn local::named($doc) = $doc{name}; *[_id == "$notAParam" // $neither\n || _id == "company.acme"]{"n": local::named(@)}'
    expect(await fixture.client().fetch(query)).toEqual([{n: {name: 'Acme'}}])
  })

  it('LocalLake.fetch refuses it too', async () => {
    await expect(fixture.lake.fetch('*[_id == $id]')).rejects.toThrow(MissingParameterError)
    await expect(fixture.lake.fetch('*[_id == $id]', {id: undefined})).rejects.toThrow('param $id referenced, but not provided')
    expect(await fixture.lake.fetch('*[_id == $id][0].name', {id: 'company.acme'})).toBe('Acme')
  })
})

describe('query-based mutations', () => {
  it('delete by query removes every matching document (drafts included: mutations see raw)', async () => {
    const client = fixture.client()
    await client.mutate([temp(1), temp(2), temp(3), {create: {_id: 'drafts.temp.4', _type: 'temp', n: 4}}])
    const result = await client.mutate([{delete: {query: '*[_type == "temp" && n >= $min]', params: {min: 2}}}])
    expect(result.results.map((r: {id: string}) => r.id).sort()).toEqual(['drafts.temp.4', 'temp.2', 'temp.3'])
    expect(await client.fetch('*[_type == "temp"]._id', {}, {perspective: 'raw'})).toEqual(['temp.1'])
  })

  it('patch by query, through the client’s own patch({query}) builder', async () => {
    const client = fixture.client()
    await client.mutate([temp(5), temp(6)])
    await client.patch({query: '*[_type == "temp" && n > $n]', params: {n: 4}}).set({flag: true}).inc({n: 10}).commit()
    expect(await client.fetch('*[_type == "temp"] | order(_id) {_id, n, flag}')).toEqual([
      {_id: 'temp.1', n: 1, flag: null},
      {_id: 'temp.5', n: 15, flag: true},
      {_id: 'temp.6', n: 16, flag: true},
    ])
  })

  it('sees the earlier mutations of its transaction, and fails all-or-nothing', async () => {
    const client = fixture.client()
    await client.mutate([temp(7), {delete: {query: '*[_type == "temp" && n == 7]'}}])
    expect(await fixture.lake.getDocument('temp.7')).toBeUndefined()

    const before = await readFile(`${fixture.datasetFile}.txlog`)
    const error = await rejection(client.mutate([{patch: {query: '*[_type == "temp"]', set: {flag: false}}} as never, temp(1)]))
    expect(error.statusCode).toBe(409)
    expect(error.message).toMatch(/document "temp.1" already exists/)
    expect(await readFile(`${fixture.datasetFile}.txlog`)).toEqual(before)
  })

  it('a query that returns something other than documents is a 400', async () => {
    const error = await rejection(fixture.client().mutate([{delete: {query: '*[_type == "temp"].n'}}] as never))
    expect(error.statusCode).toBe(400)
    expect(error.message).toMatch(/must return documents/)
  })
})

describe('mutation errors are typed', () => {
  it('an unknown mutation kind is 400, not a conflict', async () => {
    const error = await rejection(fixture.client().mutate([{frobnicate: {_id: 'x'}}] as never))
    expect(error.statusCode).toBe(400)
    expect(error.message).toMatch(/unknown mutation; use create, createOrReplace, createIfNotExists, patch or delete/)
  })

  it('a malformed createIfNotExists is 400; creating an existing document is 409', async () => {
    const client = fixture.client()
    expect((await rejection(client.mutate([{createIfNotExists: 'nope'}] as never))).statusCode).toBe(400)
    const conflict = await rejection(client.create({_id: 'company.acme', _type: 'company'}))
    expect(conflict.statusCode).toBe(409)
    expect(JSON.parse(conflict.responseBody!).error.type).toBe('mutationError')
  })
})

describe('datasets and assets that do not exist', () => {
  it('a query for another dataset is a 404', async () => {
    const error = await rejection(fixture.client({dataset: 'staging'}).fetch('*'))
    expect(error.statusCode).toBe(404)
    expect(error.message).toBe('Dataset "staging" not found for project ID "chinadesk-local"')
  })
})

describe('request body limit', () => {
  it('a 5 MB mutation is refused with the Content Lake’s message and the dataset stays byte-identical', async () => {
    const files = [fixture.datasetFile, `${fixture.datasetFile}.txlog`]
    const before = await Promise.all(files.map((file) => readFile(file).catch(() => undefined)))
    const big = {_id: 'company.big', _type: 'company', name: 'x'.repeat(5 * 1024 * 1024)}
    const error = await rejection(fixture.client().createOrReplace(big))
    expect(error.statusCode).toBe(413)
    expect(error.message).toBe('Request body exceeds limit of 4000000 bytes')

    // Without a content-length (HTTP/2 streaming), the body is cut off at the limit and the stream reset.
    const streamed = await fixture.request('POST', '/v2025-02-19/data/mutate/production', {body: {mutations: [{create: big}]}})
    expect(streamed.status).toBe(413)
    expect(streamed.json().error.description).toBe('Request body exceeds limit of 4000000 bytes')

    expect(await Promise.all(files.map((file) => readFile(file).catch(() => undefined)))).toEqual(before)
    expect(await fixture.lake.getDocument('company.big')).toBeUndefined()
    expect(await fixture.client().fetch('count(*[_type == "company"])', {}, {perspective: 'raw'})).toBe(3)
  })
})
