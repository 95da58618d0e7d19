/**
 * The fill-updated-at migration, run offline against a LocalLake through `sanity/migrate`'s own
 * `collectMigrationMutations`: missing `updatedAt` is filled from `_updatedAt`, existing values and other
 * document types are left alone, a dry run changes nothing, and a second run has nothing to do.
 */
import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import fillUpdatedAt from '../../migrations/fill-updated-at'
import {runMigrationLocally} from '../../migrations/runner/runMigrationLocally'
import {pathToString, toLakeMutations} from '../../migrations/runner/toLakeMutations'

async function seededLake(): Promise<LocalLake> {
  const lake = await LocalLake.open(join(await mkdtemp(join(tmpdir(), 'migration-')), 'production.ndjson'), {createIfMissing: true})
  await lake.mutate([
    {create: {_id: 'article.legacy', _type: 'article', title: 'Legacy import'}},
    {create: {_id: 'drafts.article.draft', _type: 'article', title: 'A draft'}},
    {create: {_id: 'article.edited', _type: 'article', title: 'Edited', updatedAt: '2023-05-01T10:00:00Z'}},
    {create: {_id: 'company.microsoft', _type: 'company', name: 'Microsoft'}},
  ])
  return lake
}

describe('migrations/fill-updated-at', () => {
  it('fills updatedAt from _updatedAt where missing, leaving everything else alone', async () => {
    const lake = await seededLake()
    const before = await lake.getDocument('article.legacy')
    const result = await runMigrationLocally(fillUpdatedAt, lake)
    expect(result).toMatchObject({documents: 3, mutations: 2})

    expect((await lake.getDocument('article.legacy'))?.updatedAt).toBe(before?._updatedAt)
    const draft = await lake.getDocument('drafts.article.draft')
    expect(draft?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect((await lake.getDocument('article.edited'))?.updatedAt).toBe('2023-05-01T10:00:00Z')
    expect((await lake.getDocument('company.microsoft'))?.updatedAt).toBeUndefined()

    const again = await runMigrationLocally(fillUpdatedAt, lake)
    expect(again.mutations).toBe(0)
    await lake.close()
  })

  it('a dry run reports the mutations and writes nothing', async () => {
    const lake = await seededLake()
    const result = await runMigrationLocally(fillUpdatedAt, lake, {dryRun: true})
    expect(result).toEqual({documents: 3, mutations: 2})
    expect((await lake.getDocument('article.legacy'))?.updatedAt).toBeUndefined()
    await lake.close()
  })

  it('encodes sanity/migrate patches in the wire format the lake and the API take', () => {
    expect(pathToString(['body', {_key: 'b1'}, 'children', 0, 'text'])).toBe('body[_key=="b1"].children[0].text')
    expect(
      toLakeMutations([
        {type: 'patch', id: 'a', patches: [{path: ['updatedAt'], op: {type: 'setIfMissing', value: 'x'}}, {path: ['tags'], op: {type: 'insert', position: 'after', referenceItem: -1, items: ['t']}}]},
        {type: 'delete', id: 'b'},
      ] as never),
    ).toEqual([
      {patch: {id: 'a', setIfMissing: {updatedAt: 'x'}}},
      {patch: {id: 'a', insert: {after: 'tags[-1]', items: ['t']}}},
      {delete: {id: 'b'}},
    ])
  })
})
