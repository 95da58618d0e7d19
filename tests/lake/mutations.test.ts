/**
 * Transactions of Sanity mutations: every mutation kind, revision checks, all-or-nothing failure (store and both
 * files byte-identical), dry runs, and listener events whose mendoza effects reproduce the change.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {applyPatch} from 'mendoza'
import {beforeEach, describe, expect, it} from 'vitest'
import {LocalLake, type LakeMutationEvent} from '../../lake'
import {mendozaEffects} from '../../lake/server/mendozaEffects'
import {tempDir, writeNdjson} from './tempLake'

const dir = tempDir('mutations')
let lake: LocalLake
let file: string
let n = 0

beforeEach(async () => {
  file = writeNdjson(join(dir, `m${++n}.ndjson`), [
    {_id: 'company.acme', _type: 'company', name: 'Acme', sectors: ['hardware'], _rev: 'r0', _createdAt: '2024-01-01T00:00:00Z'},
  ])
  lake = await LocalLake.open(file)
})

const snapshot = () => ({
  docs: JSON.stringify(lake.allDocuments()),
  file: readFileSync(file, 'utf8'),
  log: existsSync(`${file}.txlog`) ? readFileSync(`${file}.txlog`, 'utf8') : null,
})

describe('mutate', () => {
  it('create stamps _rev (the transaction id), _createdAt and _updatedAt, and refuses an existing id', async () => {
    const tx = await lake.mutate([{create: {_id: 'company.beta', _type: 'company', name: 'Beta'}}])
    expect(tx.results).toEqual([{id: 'company.beta', operation: 'create'}])
    expect(tx.documentIds).toEqual(['company.beta'])
    const beta = await lake.getDocument('company.beta')
    expect(beta).toMatchObject({_id: 'company.beta', name: 'Beta', _rev: tx.transactionId})
    expect(beta!._createdAt).toBe(beta!._updatedAt)
    expect(Date.parse(beta!._createdAt!)).toBeGreaterThan(Date.parse('2025-01-01'))
    await expect(lake.mutate([{create: {_id: 'company.acme', _type: 'company'}}])).rejects.toThrow(
      'mutation 1 (create): document "company.acme" already exists',
    )
  })

  it('create generates an id when missing and completes an id prefix ending in "."', async () => {
    const tx = await lake.mutate([{create: {_type: 'author', name: 'X'} as never}, {create: {_id: 'drafts.', _type: 'author', name: 'Y'}}])
    expect(tx.results[0].id).toMatch(/^[a-zA-Z0-9]{22}$/)
    expect(tx.results[1].id).toMatch(/^drafts\.[a-zA-Z0-9]{22}$/)
    await expect(lake.mutate([{create: {_id: 'bad id!', _type: 'author'}}])).rejects.toThrow(/invalid _id "bad id!"/)
    await expect(lake.mutate([{create: {_id: 'author.x'} as never}])).rejects.toThrow('document "author.x" has no _type')
  })

  it('createOrReplace replaces but keeps _createdAt; createIfNotExists leaves an existing document alone', async () => {
    const tx = await lake.mutate([
      {createOrReplace: {_id: 'company.acme', _type: 'company', name: 'Acme 2'}},
      {createIfNotExists: {_id: 'company.acme', _type: 'company', name: 'ignored'}},
      {createIfNotExists: {_id: 'company.new', _type: 'company', name: 'New'}},
    ])
    expect(tx.results.map((r) => r.operation)).toEqual(['update', 'none', 'create'])
    expect(await lake.getDocument('company.acme')).toMatchObject({name: 'Acme 2', _createdAt: '2024-01-01T00:00:00Z'})
    expect((await lake.getDocument('company.acme'))!.sectors).toBeUndefined()
    expect((await lake.getDocument('company.new'))!.name).toBe('New')
  })

  it('patch applies set, setIfMissing, unset, inc, dec, insert and diffMatchPatch', async () => {
    await lake.mutate([
      {patch: {id: 'company.acme', set: {'headquarters.city': 'Shenzhen'}, setIfMissing: {count: 10, name: 'kept?'}}},
      {patch: {id: 'company.acme', inc: {count: 5}, dec: {count: 2}, unset: ['_createdAt2', 'sectors[0]']}},
      {patch: {id: 'company.acme', insert: {after: 'sectors[-1]', items: ['fintech', 'biotech']}}},
      {patch: {id: 'company.acme', insert: {before: 'sectors[0]', items: ['ai']}}},
      {patch: {id: 'company.acme', diffMatchPatch: {name: '@@ -1,4 +1,8 @@\n Acme\n+ Ltd\n'}}},
    ])
    expect(await lake.getDocument('company.acme')).toMatchObject({
      name: 'Acme Ltd', count: 13, headquarters: {city: 'Shenzhen'}, sectors: ['ai', 'fintech', 'biotech'],
    })
  })

  it('patch checks ifRevisionID and refuses a missing document', async () => {
    await lake.mutate([{patch: {id: 'company.acme', ifRevisionID: 'r0', set: {name: 'ok'}}}])
    const rev = (await lake.getDocument('company.acme'))!._rev
    await expect(lake.mutate([{patch: {id: 'company.acme', ifRevisionID: 'r0', set: {name: 'stale'}}}])).rejects.toThrow(
      `mutation 1 (patch): document "company.acme" has revision "${rev}", not ifRevisionID "r0"`,
    )
    await expect(lake.mutate([{patch: {id: 'company.none', set: {name: 'x'}}}])).rejects.toThrow('mutation 1 (patch): document "company.none" not found')
  })

  it('delete removes a document; deleting a missing one is a no-op', async () => {
    const tx = await lake.mutate([{delete: {id: 'company.acme'}}, {delete: {id: 'company.none'}}])
    expect(tx.results).toEqual([{id: 'company.acme', operation: 'delete'}, {id: 'company.none', operation: 'none'}])
    expect(await lake.getDocument('company.acme')).toBeUndefined()
    expect(await lake.fetch('count(*)')).toBe(0)
  })

  it('is all or nothing: a failing mutation leaves the store and both files byte-identical', async () => {
    await lake.mutate([{patch: {id: 'company.acme', set: {name: 'Committed'}}}])
    const before = snapshot()
    expect(before.log).not.toBeNull()
    await expect(
      lake.mutate([
        {create: {_id: 'company.beta', _type: 'company', name: 'Beta'}},
        {patch: {id: 'company.acme', set: {name: 'Half'}}},
        {create: {_id: 'company.beta', _type: 'company', name: 'Twice'}},
      ]),
    ).rejects.toThrow('mutation 3 (create): document "company.beta" already exists')
    expect(snapshot()).toEqual(before)
    const reopened = await LocalLake.open(file)
    expect(JSON.stringify(reopened.allDocuments())).toBe(before.docs)
  })

  it('dryRun returns the results without writing anything', async () => {
    const before = snapshot()
    const tx = await lake.mutate([{create: {_id: 'company.dry', _type: 'company'}}, {delete: {id: 'company.acme'}}], {dryRun: true})
    expect(tx.results).toEqual([{id: 'company.dry', operation: 'create'}, {id: 'company.acme', operation: 'delete'}])
    expect(snapshot()).toEqual(before)
  })

  it('returns frozen documents so callers cannot corrupt the store', async () => {
    const doc = (await lake.getDocument('company.acme'))!
    expect(() => {
      ;(doc as unknown as {name: string}).name = 'mutated'
    }).toThrow(TypeError)
    expect((await lake.getDocument('company.acme'))!.name).toBe('Acme')
  })
})

describe('listen', () => {
  it('emits one event per document per transaction, whose mendoza effects apply and revert the change', async () => {
    const events: LakeMutationEvent[] = []
    const stop = lake.listen((event) => events.push(event))
    const tx = await lake.mutate([
      {patch: {id: 'company.acme', set: {name: 'A1'}}},
      {patch: {id: 'company.acme', set: {name: 'A2'}, unset: ['sectors']}},
      {create: {_id: 'company.b', _type: 'company', name: 'B'}},
    ])
    await lake.mutate([{delete: {id: 'company.b'}}])
    stop()
    await lake.mutate([{delete: {id: 'company.acme'}}])
    expect(events.map((e) => [e.documentId, e.transition])).toEqual([
      ['company.acme', 'update'],
      ['company.b', 'appear'],
      ['company.b', 'disappear'],
    ])
    const [update, appear] = events
    expect(update).toMatchObject({transactionId: tx.transactionId, previousRev: 'r0', resultRev: tx.transactionId})
    expect(update.previous).toMatchObject({name: 'Acme', sectors: ['hardware']})
    // The Studio holds documents without `_rev` and applies effects to those.
    const withoutRev = (doc: Record<string, unknown> | null) => doc && Object.fromEntries(Object.entries(doc).filter(([key]) => key !== '_rev'))
    const updateEffects = mendozaEffects(update.previous, update.result)
    expect(applyPatch(withoutRev(update.previous), updateEffects.apply as never)).toEqual(withoutRev(update.result))
    expect(applyPatch(withoutRev(update.result), updateEffects.revert as never)).toEqual(withoutRev(update.previous))
    expect(applyPatch(null, mendozaEffects(appear.previous, appear.result).apply as never)).toEqual(withoutRev(appear.result))
  })
})
