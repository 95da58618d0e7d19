/**
 * A first open on worker threads (`lake/store/parallelScan.ts`) gives exactly what the one-thread scan gives: the
 * same documents in the same order, the same keys (the key index files are byte for byte the same apart from the
 * data file's stamp), the same content hash, and the same error naming file and line for a bad line. Blocks of
 * 4 KiB make lines straddle block boundaries, CRLF endings and blank lines fall on them.
 */
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {contentHashOfFile} from '../../lake/store/datasetFiles'
import {textIndexStats} from '../../lake/store/textPostings'
import {SEARCH_QUERY} from '../../queries/searchQueries'
import {generateDataset} from '../../scripts/bench/syntheticDataset'
import {publishedReference, tempDir} from './tempLake'

const dir = tempDir('parallel-scan')
const BLOCK = 4096
const single = {keyIndexMinBytes: 0, parallelScanMinBytes: Infinity, scanBlockBytes: BLOCK}
const parallel = {keyIndexMinBytes: 0, parallelScanMinBytes: 0, scanWorkers: 2, scanBlockBytes: BLOCK}

type AnyDoc = {_id: string; [field: string]: unknown}
const ref = (id: string) => ({_type: 'reference', _ref: id})

function documents(): AnyDoc[] {
  const docs: AnyDoc[] = [{_id: 'section.tech', _type: 'section', title: 'Tech', slug: {_type: 'slug', current: 'tech'}}]
  for (let i = 0; i < 120; i++) {
    docs.push({
      _id: `article.a${i}`,
      _type: 'article',
      _rev: `r${i}`,
      title: i % 13 === 0 ? i : `第${i}篇 Article ${i}`,
      slug: {_type: 'slug', current: `a${i}`},
      publishedAt: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`,
      section: ref('section.tech'),
      // Lengths from a few bytes to several blocks: some lines start, end or lie wholly inside another block.
      body: 'x'.repeat((i * 977) % (3 * BLOCK)),
      // A lone surrogate outside the keys: the document keeps it, the index is still written.
      note: i === 40 ? 'half \udc00 pair' : undefined,
    })
    if (i % 10 === 3) docs.push({_id: `drafts.article.a${i}`, _type: 'article', title: `Draft ${i}`, section: ref('section.tech')})
    if (i % 25 === 4) docs.push({_id: `versions.r1.article.a${i}`, _type: 'article', title: `Version ${i}`})
  }
  return docs
}

/** NDJSON with CRLF endings and blank lines here and there, ending without a newline. */
function ndjson(docs: AnyDoc[]): string {
  return docs.map((doc, i) => JSON.stringify(doc) + (i % 7 === 0 ? '\r\n' : i % 11 === 0 ? '\n\n  \n' : '\n')).join('').trimEnd()
}

function fileWith(name: string, text: string): [string, string] {
  const [a, b] = [join(dir, `${name}-single.ndjson`), join(dir, `${name}-parallel.ndjson`)]
  writeFileSync(a, text)
  copyFileSync(a, b)
  return [a, b]
}

/** The index file without the data file's stamp (inode and times differ between the two copies). */
function indexWithoutStamp(file: string): unknown {
  const bytes = readFileSync(`${file}.index`)
  const newline = bytes.indexOf(0x0a)
  const header = JSON.parse(bytes.toString('utf8', 0, newline))
  delete header.data.ino
  delete header.data.mtimeMs
  delete header.data.ctimeMs
  return {header, body: bytes.subarray(newline + 1).toString('base64')}
}

const openError = (file: string, options: object) => LocalLake.open(file, options).then(() => 'opened', (error: Error) => error.message.replace(file, '<file>'))

describe('a first open on worker threads', () => {
  it('loads the same documents, keys and order as one thread, and writes the same index', async () => {
    const docs = documents()
    const [a, b] = fileWith('same', ndjson(docs))
    const [one, two] = [await LocalLake.open(a, single), await LocalLake.open(b, parallel)]
    expect([one.loadedScanThreads, two.loadedScanThreads]).toEqual([1, 2])
    expect(two.allDocuments()).toEqual(one.allDocuments())
    expect(two.allDocuments().map((doc) => doc._id)).toEqual(docs.map((doc) => doc._id))
    for (const perspective of ['published', 'drafts', 'raw'] as const) {
      for (const query of ['*[_type == "article"] | order(publishedAt desc, title)[0...30]{_id, title}', '*[references("section.tech")]._id', '*[slug.current == "a7"]']) {
        expect(await two.fetch(query, {}, {perspective})).toEqual(await one.fetch(query, {}, {perspective}))
      }
    }
    const published = publishedReference(JSON.parse(JSON.stringify(docs)))
    expect(await two.fetch('*[_type == "article"] | order(_id)._id')).toEqual(await (await evaluate(parse('*[_type == "article"] | order(_id)._id'), {dataset: published})).get())
    await Promise.all([one.close(), two.close()])
    expect(indexWithoutStamp(b)).toEqual(indexWithoutStamp(a))
    const header = JSON.parse(readFileSync(`${b}.index`, 'utf8').split('\n')[0])
    expect(header.segments.length).toBeGreaterThan(10)
    expect(header.data.sha256).toBe(contentHashOfFile(b, BLOCK))

    const reopened = await LocalLake.open(b, parallel)
    expect(reopened.loadedKeysFrom).toBe('index')
    expect(reopened.allDocuments()).toEqual(docs.map((doc) => JSON.parse(JSON.stringify(doc))))
    await reopened.close()
  })

  it('names the file and the first bad line, as one thread does, also for a torn last line', async () => {
    const lines = ndjson(documents()).split('\n')
    const broken = [...lines]
    broken[90] = broken[90].slice(0, 50)
    broken[200] = '{"_id": 3}'
    const [a, b] = fileWith('bad', broken.join('\n'))
    const message = await openError(b, parallel)
    expect(message).toMatch(/^<file>:91: not valid JSON \(.*\)\. Fix or remove that line\.$/)
    expect(message).toBe(await openError(a, single))

    const torn = [...lines.slice(0, -1), lines[lines.length - 1].slice(0, 30)]
    const [c, d] = fileWith('torn', torn.join('\n'))
    const tornMessage = await openError(d, parallel)
    expect(tornMessage).toMatch(new RegExp(`^<file>:${torn.length}: not valid JSON`))
    expect(tornMessage).toBe(await openError(c, single))
  })

  it('keeps a key UTF-8 cannot carry (a lone surrogate) exactly, and then writes no index', async () => {
    const docs = documents()
    docs[130].title = 'broken \ud800 title'
    const [a, b] = fileWith('surrogate', ndjson(docs))
    const [one, two] = [await LocalLake.open(a, single), await LocalLake.open(b, parallel)]
    expect(two.loadedScanThreads).toBe(2)
    expect(await two.fetch('*[_id == $id][0].title', {id: docs[130]._id}, {perspective: 'raw'})).toBe('broken \ud800 title')
    expect(await two.fetch('*[_type == "article"] | order(title desc)[0...5]._id')).toEqual(await one.fetch('*[_type == "article"] | order(title desc)[0...5]._id'))
    await Promise.all([one.close(), two.close()])
    expect(() => readFileSync(`${b}.index`)).toThrow()
  })

  it('builds the text postings after the open on the same workers: the reopened dataset searches without parsing', async () => {
    const text = generateDataset(120, 5).documents.map((doc) => JSON.stringify(doc)).join('\n')
    const [a, b] = fileWith('postings', text)
    const before = {...textIndexStats}
    const two = await LocalLake.open(b, parallel)
    expect(two.loadedScanThreads).toBe(2)
    // Close waits for the workers' postings pass, which writes the postings file: nothing was rebuilt by parsing.
    await two.close()
    expect(textIndexStats.postingsRebuilt - before.postingsRebuilt).toBe(0)
    expect(readFileSync(`${b}.postings`).length).toBeGreaterThan(0)
    const terms = ['chip*', 'export*']
    const reopened = await LocalLake.open(b, parallel)
    const one = await LocalLake.open(a, single)
    const found = await reopened.fetch<unknown[]>(SEARCH_QUERY, {terms})
    expect(found.length).toBeGreaterThan(0)
    expect(found).toEqual(await one.fetch(SEARCH_QUERY, {terms}))
    expect([reopened.loadedKeysFrom, textIndexStats.postingsRebuilt - before.postingsRebuilt, textIndexStats.postingsRead - before.postingsRead]).toEqual(['index', 0, 1])
    await Promise.all([reopened.close(), one.close()])
  })

  it('a search right after a first open waits for the workers’ postings instead of parsing every line', async () => {
    const text = generateDataset(120, 5).documents.map((doc) => JSON.stringify(doc)).join('\n')
    const [a, b] = fileWith('search-at-once', text)
    const before = {...textIndexStats}
    const two = await LocalLake.open(b, parallel)
    const one = await LocalLake.open(a, single)
    const terms = ['chip*', 'export*']
    const found = await two.fetch<unknown[]>(SEARCH_QUERY, {terms})
    expect([textIndexStats.postingsRebuilt - before.postingsRebuilt, textIndexStats.parsedDocuments - before.parsedDocuments]).toEqual([0, 0])
    expect(found.length).toBeGreaterThan(0)
    expect(found).toEqual(await one.fetch(SEARCH_QUERY, {terms}))
    await Promise.all([two.close(), one.close()])
  })
})
