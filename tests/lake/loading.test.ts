/**
 * Opening a dataset file: documents load in file order, malformed lines fail with file and line and leave the
 * file untouched, missing files are created only on request, and indexed filters read only their candidates.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {DocumentIndex} from '../../lake/store/documentIndex'
import {rewriteWithIndexes} from '../../lake/query/queryRewrite'
import {tempDir, writeNdjson} from './tempLake'

const dir = tempDir('loading')
const docs = [
  {_id: 'section.tech', _type: 'section', title: 'Tech', slug: {_type: 'slug', current: 'tech'}},
  {_id: 'company.acme', _type: 'company', name: 'Acme', slug: {_type: 'slug', current: 'acme'}},
  {_id: 'article.one', _type: 'article', title: 'One', slug: {_type: 'slug', current: 'one'}, section: {_type: 'reference', _ref: 'section.tech'},
    body: [{_type: 'block', _key: 'b', markDefs: [{_key: 'm', _type: 'companyMention', company: {_type: 'reference', _ref: 'company.acme'}}]}]},
  {_id: 'article.two', _type: 'article', title: 'Two', slug: {_type: 'slug', current: 'two'}},
]

describe('LocalLake.open', () => {
  it('loads every document of an NDJSON export in file order and dereferences through the _id index', async () => {
    const lake = await LocalLake.open(writeNdjson(join(dir, 'ok.ndjson'), docs))
    expect(lake.allDocuments().map((doc) => doc._id)).toEqual(docs.map((doc) => doc._id))
    expect(await lake.getDocument('company.acme')).toEqual(docs[1])
    expect(await lake.getDocuments(['article.two', 'nope'])).toEqual([docs[3], null])
    expect(await lake.fetch('*[_type == "article" && slug.current == $slug][0]{title, "section": section->title, "mentions": body[].markDefs[].company->name}', {slug: 'one'}))
      .toEqual({title: 'One', section: 'Tech', mentions: ['Acme']})
  })

  it('reports a malformed line with file and line number and leaves the file untouched', async () => {
    const file = join(dir, 'broken.ndjson')
    const text = `${JSON.stringify(docs[0])}\n${JSON.stringify(docs[1])}\n{"_id": "article.x", "_type": "article",\n`
    writeFileSync(file, text)
    const shown = relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file)
    await expect(LocalLake.open(file)).rejects.toThrow(new RegExp(`^${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: not valid JSON \\(.+\\)\\. Fix or remove that line\\.$`))
    expect(readFileSync(file, 'utf8')).toBe(text)
    expect(existsSync(`${file}.txlog`)).toBe(false)
  })

  it('rejects a line that is not a document, or a document without _id, naming the line', async () => {
    const file = join(dir, 'not-docs.ndjson')
    writeFileSync(file, `${JSON.stringify(docs[0])}\n\n[1, 2]\n`)
    await expect(LocalLake.open(file)).rejects.toThrow(/not-docs\.ndjson:3: expected a JSON object/)
    writeFileSync(file, `${JSON.stringify({_type: 'article'})}\n`)
    await expect(LocalLake.open(file)).rejects.toThrow(/not-docs\.ndjson:1: document has no string "_id"/)
  })

  it('refuses a missing file unless asked to create it', async () => {
    const file = join(dir, 'sub', 'new.ndjson')
    await expect(LocalLake.open(file)).rejects.toThrow(/new\.ndjson: dataset file not found.*createIfMissing/)
    const lake = await LocalLake.open(file, {createIfMissing: true})
    expect(readFileSync(file, 'utf8')).toBe('')
    expect(await lake.fetch('count(*)')).toBe(0)
  })
})

describe('indexed query rewrite', () => {
  const index = new DocumentIndex()
  for (const doc of docs) index.put(doc._id, doc)
  const baseOf = (query: string, params: Record<string, unknown> = {}) => {
    const tree = rewriteWithIndexes(parse(query), index, params) as unknown as {base: {type: string; value?: {_id: string}[]; base?: unknown}}
    const filter = tree.base.type === 'Filter' ? (tree.base as unknown as typeof tree) : tree
    return filter.base.type === 'Value' ? filter.base.value!.map((doc) => doc._id) : filter.base.type
  }

  it('reads only the candidates of the most selective indexed condition, in dataset order', () => {
    expect(baseOf('*[_type == "article"]{title}')).toEqual(['article.one', 'article.two'])
    expect(baseOf('*[_type in ["article", "section"]]{title}')).toEqual(['section.tech', 'article.one', 'article.two'])
    expect(baseOf('*[_type == "article" && slug.current == $slug]{title}', {slug: 'two'})).toEqual(['article.two'])
    expect(baseOf('*[_id in $ids]{title}', {ids: ['article.two', 'company.acme']})).toEqual(['company.acme', 'article.two'])
    expect(baseOf('*[references($id) && _type == "article"]{title}', {id: 'company.acme'})).toEqual(['article.one'])
    expect(baseOf('*[_id == $id][0]', {id: 'nope'})).toEqual([])
  })

  it('scans when no condition is indexable or the value is not a constant string', () => {
    expect(baseOf('*[title == "One"]{title}')).toBe('Everything')
    expect(baseOf('*[_type == "article" || _type == "section"]{title}')).toBe('Everything')
    expect(baseOf('*[_type == $t]{title}', {t: 5})).toBe('Everything')
    expect(baseOf('*[_id in $ids]{title}', {ids: ['a', 1]})).toBe('Everything')
  })

  it('turns filters keyed by an outer scope (`^`) into per-row index lookups, never reading the element', () => {
    const rewritten = (query: string) => JSON.stringify(rewriteWithIndexes(parse(query), index, {}, 'P:'))
    expect(rewritten('*[_type == "article"]{"s": *[_id == ^.section._ref][0]}')).toContain('"P:id:"')
    expect(rewritten('*[_type == "company"]{"a": *[references(^._id)]}')).toContain('"P:references:"')
    expect(rewritten('*[_type == "article"]{"m": *[_id in ^.body[].markDefs[_type == "companyMention"].company._ref]}')).toContain('"P:id:"')
    expect(rewritten('*[_type == "article"]{"x": *[_id == title]}')).not.toContain('"P:')
    expect(rewritten('*[_type == "article"]{"x": *[_id in ^.items[title == ^.title]._ref]}')).not.toContain('"P:')
  })
})

describe('per-row lookups', () => {
  it('fall back to a scan when a stored key contains the key separator, so no match is lost', async () => {
    const lake = await LocalLake.open(writeNdjson(join(dir, 'nul.ndjson'), [
      {_id: 'x.1', _type: 'x', target: 'a\u0000b'},
      {_id: 'a\u0000b', _type: 'y'},
      {_id: 'a', _type: 'y'},
    ]))
    expect(await lake.fetch('*[_type == "x"]{"hit": *[_id == ^.target]._id}')).toEqual([{hit: ['a\u0000b']}])
  })
})
