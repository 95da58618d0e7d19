/**
 * The key index file beside a dataset (`<file>.index`) makes an unchanged file open without parsing, and never
 * changes a result: after a hand edit, a line swap with the mtime put back, a truncated or corrupted index, a copy,
 * or a compaction, every query still answers exactly what plain groq-js answers over the file's documents.
 */
import {copyFileSync, existsSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {draftsReference, publishedReference, tempDir, writeNdjson} from './tempLake'

const dir = tempDir('key-index')
/** Every file gets an index here; by default only files of 1 MiB and more do. */
const options = {keyIndexMinBytes: 0}

type AnyDoc = {_id: string; [field: string]: unknown}
const ref = (id: string) => ({_type: 'reference', _ref: id})

/** Filler before and after the articles puts the lines the tests edit beyond the index's 64 KiB edge hashes. */
const filler = (from: number): AnyDoc[] =>
  Array.from({length: 500}, (_, i) => ({_id: `note.n${from + i}`, _type: 'note', text: `Filler note ${from + i} `.padEnd(160, '.')}))

function dataset(): AnyDoc[] {
  const docs: AnyDoc[] = [
    ...filler(0),
    {_id: 'section.tech', _type: 'section', title: 'Tech', slug: {_type: 'slug', current: 'tech'}},
    {_id: 'section.policy', _type: 'section', title: '政策', slug: {_type: 'slug', current: 'policy'}},
    {_id: 'company.bytedance', _type: 'company', name: '字节跳动 ByteDance', slug: {_type: 'slug', current: 'bytedance'}},
  ]
  for (let i = 0; i < 40; i++) {
    docs.push({
      _id: `article.a${i}`,
      _type: 'article',
      _rev: `r${i}`,
      // Sort values of every kind the index stores: strings (some Chinese), numbers, booleans, missing.
      title: i % 7 === 0 ? i : i % 11 === 0 ? true : `第${i}篇 Article ${i % 5}`,
      slug: {_type: 'slug', current: `a${i}`},
      publishedAt: i % 9 === 0 ? undefined : `2025-0${1 + (i % 9)}-1${i % 10}T00:00:00Z`,
      section: ref(i % 2 ? 'section.tech' : 'section.policy'),
      body: [{_type: 'block', _key: 'b', markDefs: i % 3 ? [] : [{_key: 'm', _type: 'companyMention', company: ref('company.bytedance')}]}],
    })
  }
  docs.push({_id: 'drafts.article.a3', _type: 'article', title: 'Draft of 3', slug: {_type: 'slug', current: 'a3-draft'}, section: ref('section.tech')})
  docs.push({_id: 'versions.r1.article.a4', _type: 'article', title: 'Release version of 4'})
  docs.push(...filler(500))
  return docs
}

const QUERIES: [string, Record<string, unknown>][] = [
  ['*[_type != "note"]', {}],
  ['count(*)', {}],
  ['*[_type == "article"] | order(publishedAt desc)[0...10]{_id, title, publishedAt}', {}],
  ['*[_type == "article"] | order(title asc, _id)[0...15]{_id, title}', {}],
  ['*[_type == "article" && slug.current == $slug][0]{title, "section": section->title}', {slug: 'a3'}],
  ['*[references($id)]._id', {id: 'company.bytedance'}],
  ['*[section._ref == $id] | order(_id)._id', {id: 'section.tech'}],
  ['count(*[_type == "article"])', {}],
]

/** What plain groq-js answers over the documents of the file as it is on disk now. */
async function groqAnswers(file: string, perspective: 'published' | 'drafts'): Promise<unknown[]> {
  const docs = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AnyDoc)
  const visible = perspective === 'published' ? publishedReference(docs) : draftsReference(docs)
  return Promise.all(QUERIES.map(async ([query, params]) => (await evaluate(parse(query), {dataset: visible, params})).get()))
}

async function expectSameAsGroq(file: string, expectedKeysFrom: 'index' | 'scan'): Promise<LocalLake> {
  const lake = await LocalLake.open(file, options)
  expect(lake.loadedKeysFrom).toBe(expectedKeysFrom)
  for (const perspective of ['published', 'drafts'] as const) {
    const answers = await Promise.all(QUERIES.map(([query, params]) => lake.fetch(query, params, {perspective})))
    expect(answers).toEqual(await groqAnswers(file, perspective))
  }
  return lake
}

function swapLines(file: string, a: number, b: number): void {
  const lines = readFileSync(file, 'utf8').split('\n')
  ;[lines[a], lines[b]] = [lines[b], lines[a]]
  writeFileSync(file, lines.join('\n'))
}

describe('key index file', () => {
  it('is written by the first open and makes the next open read no document line', async () => {
    const file = writeNdjson(join(dir, 'fresh.ndjson'), dataset())
    await (await expectSameAsGroq(file, 'scan')).close()
    expect(existsSync(`${file}.index`)).toBe(true)
    await (await expectSameAsGroq(file, 'index')).close()
  })

  it('is not trusted after a hand edit, nor after a same-size line swap with the mtime put back', async () => {
    const file = writeNdjson(join(dir, 'edited.ndjson'), dataset())
    await (await expectSameAsGroq(file, 'scan')).close()
    // Same length, new title and slug: only the content says the index is stale.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"current":"a12"', '"current":"b12"').replace('第12篇', '第21篇'))
    await (await expectSameAsGroq(file, 'scan')).close()

    const {atime, mtime, size} = statSync(file)
    swapLines(file, 510, 530)
    utimesSync(file, atime, mtime)
    expect(statSync(file).size).toBe(size)
    await (await expectSameAsGroq(file, 'scan')).close()
    await (await expectSameAsGroq(file, 'index')).close()
  })

  it('is rebuilt when truncated or corrupted', async () => {
    const file = writeNdjson(join(dir, 'corrupt.ndjson'), dataset())
    await (await expectSameAsGroq(file, 'scan')).close()
    const index = `${file}.index`
    truncateSync(index, Math.floor(statSync(index).size / 2))
    await (await expectSameAsGroq(file, 'scan')).close()
    const bytes = readFileSync(index)
    bytes[bytes.length - 9] ^= 0x55
    writeFileSync(index, bytes)
    await (await expectSameAsGroq(file, 'scan')).close()
    writeFileSync(index, 'not an index\n')
    await (await expectSameAsGroq(file, 'scan')).close()
    await (await expectSameAsGroq(file, 'index')).close()
  })

  it('is trusted for a byte-identical copy (content hash), and an index of another file is not', async () => {
    const file = writeNdjson(join(dir, 'original.ndjson'), dataset())
    await (await expectSameAsGroq(file, 'scan')).close()
    const copy = join(dir, 'copy.ndjson')
    copyFileSync(file, copy)
    copyFileSync(`${file}.index`, `${copy}.index`)
    await (await expectSameAsGroq(copy, 'index')).close()

    const other = writeNdjson(join(dir, 'other.ndjson'), dataset().reverse())
    copyFileSync(`${file}.index`, `${other}.index`)
    expect(statSync(other).size).toBe(statSync(file).size)
    await (await expectSameAsGroq(other, 'scan')).close()
  })

  it('is rewritten by compaction and by the fold on close, and the NDJSON file alone stays the dataset', async () => {
    const file = writeNdjson(join(dir, 'written.ndjson'), dataset())
    const lake = await LocalLake.open(file, options)
    await lake.mutate([
      {patch: {id: 'article.a5', set: {title: 'Patched 五', publishedAt: '2030-01-01T00:00:00Z'}}},
      {create: {_id: 'article.new', _type: 'article', title: 'New', slug: {_type: 'slug', current: 'new'}, section: ref('section.tech')}},
      {delete: {id: 'article.a6'}},
    ])
    await lake.compact()
    // After compaction the documents read from the new file: a second write and the close fold still agree.
    await lake.mutate([{patch: {id: 'article.a7', set: {title: 'Patched again'}}}])
    expect(await lake.fetch('*[_id in ["article.a5", "article.a7"]] | order(_id).title')).toEqual(['Patched 五', 'Patched again'])
    await lake.close()
    expect(readFileSync(file, 'utf8')).not.toContain('china-desk lake key index')
    await (await expectSameAsGroq(file, 'index')).close()
  })

  it('lets a second instance catch up on another writer\'s compaction through the new index', async () => {
    const file = writeNdjson(join(dir, 'shared.ndjson'), dataset())
    const reader = await expectSameAsGroq(file, 'scan')
    const writer = await LocalLake.open(file, options)
    expect(writer.loadedKeysFrom).toBe('index')
    await writer.mutate([{patch: {id: 'article.a8', set: {title: 'Seen by the reader'}}}, {delete: {id: 'article.a9'}}])
    await writer.compact()
    expect(await reader.fetch('*[_id in ["article.a8", "article.a9"]].title')).toEqual(['Seen by the reader'])
    expect(reader.loadedKeysFrom).toBe('index')
    for (const perspective of ['published', 'drafts'] as const) {
      expect(await Promise.all(QUERIES.map(([query, params]) => reader.fetch(query, params, {perspective})))).toEqual(await groqAnswers(file, perspective))
    }
    await Promise.all([reader.close(), writer.close()])
  })

  it('is left out when a key cannot survive UTF-8 (a lone surrogate), and results stay exact', async () => {
    const docs = dataset()
    docs[510].title = 'broken \ud800 title'
    const file = writeNdjson(join(dir, 'surrogate.ndjson'), docs)
    await (await expectSameAsGroq(file, 'scan')).close()
    expect(existsSync(`${file}.index`)).toBe(false)
    await (await expectSameAsGroq(file, 'scan')).close()
  })
})
