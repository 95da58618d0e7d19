/**
 * The by-key lookup indexes (`_type`, `slug.current`, `references()`, `field._ref`) of a dataset reopened from its
 * key index file: the first lookups search the index's segments for the key instead of building the whole index,
 * later ones use the built index, and both answer exactly what plain groq-js answers, in every perspective, before
 * and after writes that change types, slugs and references, create, delete and draft documents.
 */
import {join} from 'node:path'
import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {lookupStats} from '../../lake/store/keyLookup'
import {draftsReference, publishedReference, tempDir, writeNdjson} from './tempLake'

const dir = tempDir('lookup-indexes')
/** Small blocks: the index has dozens of segments, each with its own string table. */
const options = {keyIndexMinBytes: 0, parallelScanMinBytes: Infinity, scanBlockBytes: 4096}

type AnyDoc = {_id: string; [field: string]: unknown}
const ref = (id: string, key?: string) => ({_type: 'reference', _ref: id, ...(key ? {_key: key} : {})})

function dataset(): AnyDoc[] {
  // `company.c1` is a prefix of `company.c10`…: a search must match whole strings only.
  const docs: AnyDoc[] = Array.from({length: 25}, (_, i) => ({_id: `company.c${i}`, _type: 'company', name: `C${i}`, slug: {_type: 'slug', current: `c${i}`}}))
  docs.push({_id: 'section.a', _type: 'section', slug: {_type: 'slug', current: 'a'}}, {_id: 'section.b', _type: 'section', slug: {_type: 'slug', current: 'shared'}})
  for (let i = 0; i < 200; i++) {
    docs.push({
      _id: `article.x${i}`,
      _type: i % 13 === 0 ? 'brief' : 'article',
      slug: {_type: 'slug', current: i % 17 === 0 ? 'shared' : `x${i}`},
      section: ref(i % 3 ? 'section.a' : 'section.b'),
      companies: [ref(`company.c${i % 25}`, 'k0'), ref(`company.c${(i * 7) % 25}`, 'k1')],
      body: [{_type: 'block', _key: 'b', text: `Article ${i} `.padEnd(120, '.'), markDefs: i % 4 ? [] : [{_key: 'm', company: ref(`company.c${i % 11}`)}]}],
    })
    // Drafts beside their published documents (often in the same segment), one with the same slug.
    if (i % 23 === 5) docs.push({...docs[docs.length - 1], _id: `drafts.article.x${i}`, companies: [ref('company.c24')]})
  }
  docs.push({_id: 'versions.r1.article.x3', _type: 'article', slug: {_type: 'slug', current: 'x3'}, companies: [ref('company.c3')]})
  return docs
}

const companyIds = Array.from({length: 25}, (_, i) => `company.c${i}`)
const QUERIES: [string, Record<string, unknown>][] = [
  ...companyIds.map((id): [string, Record<string, unknown>] => ['*[references($id)]._id', {id}]),
  ['*[_type == "article" && references($id)] | order(_id desc)[0...5]._id', {id: 'company.c1'}],
  ['*[_type == "article" && slug.current == $slug]._id', {slug: 'shared'}],
  ['*[slug.current == $slug]._id', {slug: 'x3'}],
  ['*[slug.current == $slug]._id', {slug: 'x'}],
  ['*[section._ref == $id] | order(_id)[0...7]._id', {id: 'section.b'}],
  ['count(*[_type == "brief"])', {}],
  ['*[_type == "company"]{_id, "articles": count(*[references(^._id)])}', {}],
]

async function expectSameAsGroq(lake: LocalLake): Promise<void> {
  const docs = lake.allDocuments() as AnyDoc[]
  for (const perspective of ['published', 'drafts', 'raw'] as const) {
    const visible = perspective === 'published' ? publishedReference(docs) : perspective === 'drafts' ? draftsReference(docs) : docs
    for (const [query, params] of QUERIES) {
      const expected = await (await evaluate(parse(query), {dataset: visible, params})).get()
      expect(await lake.fetch(query, params, {perspective}), `${perspective}: ${query} ${JSON.stringify(params)}`).toEqual(expected)
    }
  }
}

describe('lookup indexes of a dataset reopened from its key index', () => {
  it('answer a first references() by searching the segments, and every lookup as plain groq-js, before and after writes', async () => {
    const file = writeNdjson(join(dir, 'lookups.ndjson'), dataset())
    await (await LocalLake.open(file, options)).close()
    const lake = await LocalLake.open(file, options)
    try {
      expect(lake.loadedKeysFrom).toBe('index')
      const before = {...lookupStats}
      const published = publishedReference(lake.allDocuments() as AnyDoc[])
      const c1 = published.filter((doc) => JSON.stringify(doc).includes('"_ref":"company.c1"')).map((doc) => doc._id)
      expect(await lake.fetch('*[references($id)]._id', {id: 'company.c1'})).toEqual(c1)
      // One search per index asked (`_type` is always built: a handful of keys); references not built.
      expect(lookupStats.searches - before.searches).toBe(1)
      expect(lookupStats.builds - before.builds).toBe(0)

      await expectSameAsGroq(lake)
      // More distinct keys than are searched: the indexes were built on the way, every answer still equal.
      expect(lookupStats.builds - before.builds).toBeGreaterThanOrEqual(3)

      await lake.mutate([
        {patch: {id: 'article.x1', set: {companies: [ref('company.c2', 'k0')], slug: {_type: 'slug', current: 'shared'}}}},
        {patch: {id: 'article.x2', set: {_type: 'brief', section: ref('section.b')}}},
        {delete: {id: 'article.x4'}},
        {create: {_id: 'article.new', _type: 'article', slug: {_type: 'slug', current: 'x3'}, companies: [ref('company.c1')], section: ref('section.a')}},
        {createOrReplace: {_id: 'drafts.article.x6', _type: 'article', slug: {_type: 'slug', current: 'x6'}, companies: [ref('company.c10')]}},
        {delete: {id: 'drafts.article.x5'}},
      ])
      await expectSameAsGroq(lake)
    } finally {
      await lake.close()
    }
  })

  it('answer the same when written to before the first lookup (searched and built over a changed view)', async () => {
    const file = writeNdjson(join(dir, 'written-first.ndjson'), dataset())
    await (await LocalLake.open(file, options)).close()
    const lake = await LocalLake.open(file, options)
    try {
      expect(lake.loadedKeysFrom).toBe('index')
      await lake.mutate([
        {patch: {id: 'article.x10', set: {companies: [ref('company.c1', 'k0')]}}},
        {delete: {id: 'company.c1'}},
        {create: {_id: 'article.late', _type: 'article', slug: {_type: 'slug', current: 'x10'}, companies: [ref('company.c12')]}},
      ])
      await expectSameAsGroq(lake)
    } finally {
      await lake.close()
    }
  })
})
