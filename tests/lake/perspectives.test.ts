/**
 * Perspectives as the Content Lake defines them: `published` (default) never shows drafts or release versions,
 * `drafts` shows each draft in place of its published document under the published id, `raw` shows everything.
 */
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {tempDir, writeNdjson} from './tempLake'

const dir = tempDir('perspectives')
const ref = (id: string) => ({_type: 'reference', _ref: id})
const docs = [
  {_id: 'author.ann', _type: 'author', name: 'Ann'},
  {_id: 'drafts.author.ann', _type: 'author', name: 'Ann (draft)'},
  {_id: 'article.a', _type: 'article', title: 'A', slug: {current: 'a'}, authors: [ref('author.ann')]},
  {_id: 'drafts.article.a', _type: 'article', title: 'A (draft)', slug: {current: 'a'}, authors: [ref('author.ann')]},
  {_id: 'drafts.article.new', _type: 'article', title: 'New (draft only)', slug: {current: 'new'}},
  {_id: 'versions.rSpring.article.a', _type: 'article', title: 'A (release)', slug: {current: 'a'}},
  {_id: 'article.b', _type: 'article', title: 'B', slug: {current: 'b'}},
]

describe('perspectives', () => {
  let lake: LocalLake
  beforeAll(async () => {
    lake = await LocalLake.open(writeNdjson(join(dir, 'p.ndjson'), docs))
  })

  it('published is the default and never shows drafts or versions, even when asked by id', async () => {
    expect(await lake.fetch('*[_type == "article"]{_id, title}')).toEqual([
      {_id: 'article.a', title: 'A'},
      {_id: 'article.b', title: 'B'},
    ])
    expect(await lake.fetch('*[_id in $ids]._id', {ids: ['drafts.article.a', 'versions.rSpring.article.a', 'drafts.article.new']})).toEqual([])
    expect(await lake.fetch('*[slug.current == "new"]')).toEqual([])
    expect(await lake.fetch('*[_id == "article.a"][0].authors[0]->name')).toBe('Ann')
  })

  it('drafts overlays drafts on published documents under the published id', async () => {
    const result = await lake.fetch('*[_type == "article"]{_id, _originalId, title, "author": authors[0]->name}', {}, {perspective: 'drafts'})
    expect(result).toEqual([
      {_id: 'article.a', _originalId: 'drafts.article.a', title: 'A (draft)', author: 'Ann (draft)'},
      {_id: 'article.new', _originalId: 'drafts.article.new', title: 'New (draft only)', author: null},
      {_id: 'article.b', _originalId: null, title: 'B', author: null},
    ])
    expect(await lake.fetch('*[_id == $id][0].title', {id: 'article.a'}, {perspective: 'drafts'})).toBe('A (draft)')
    expect(await lake.fetch('count(*[_id in path("drafts.**") || _id in path("versions.**")])', {}, {perspective: 'drafts'})).toBe(0)
  })

  it('raw shows every document side by side', async () => {
    expect(await lake.fetch('*[_type == "article"]._id', {}, {perspective: 'raw'})).toEqual([
      'article.a', 'drafts.article.a', 'drafts.article.new', 'versions.rSpring.article.a', 'article.b',
    ])
  })

  it('follows writes: publishing removes the overlay, deleting a published document keeps its draft visible in drafts', async () => {
    await lake.mutate([{createOrReplace: {...docs[3], _id: 'article.a'}}, {delete: {id: 'drafts.article.a'}}, {delete: {id: 'article.b'}}])
    expect(await lake.fetch('*[_type == "article"]{_id, title}')).toEqual([{_id: 'article.a', title: 'A (draft)'}])
    expect(await lake.fetch('*[_type == "article"]._originalId', {}, {perspective: 'drafts'})).toEqual([null, 'drafts.article.new'])
  })

  it('accepts the older name previewDrafts and rejects an unknown perspective by name', async () => {
    expect(await lake.fetch('count(*)', {}, {perspective: 'previewDrafts' as never})).toBe(3)
    await expect(lake.fetch('*', {}, {perspective: 'preview' as never})).rejects.toThrow(/Unknown perspective "preview"/)
  })
})
