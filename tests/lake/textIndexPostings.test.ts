/**
 * The text postings file beside a dataset (`<file>.postings`) lets a reopened dataset answer search without
 * parsing a document, and never changes a result: after a bit flip, a truncation, a foreign or stale postings
 * file, writes (published and drafts) and the close fold, search answers exactly what plain groq-js answers.
 * "Without parsing" is read from the store's own counter (`textIndexStats`), not from timing.
 */
import {copyFileSync, existsSync, readFileSync, truncateSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {LocalLake, type Perspective} from '../../lake'
import {textIndexStats} from '../../lake/store/textPostings'
import {SEARCH_QUERY} from '../../queries/searchQueries'
import {searchTerms} from '../../queries/searchTerms'
import {generateDataset} from '../../scripts/bench/syntheticDataset'
import {draftsReference, publishedReference, tempDir, writeNdjson} from './tempLake'

const dir = tempDir('text-postings')
/** Every file gets a key index and postings here; by default only files of 1 MiB and more do. */
const options = {keyIndexMinBytes: 0}
const dataset = generateDataset(240, 11)
type AnyDoc = {_id: string; [field: string]: unknown}
const documents = dataset.documents as AnyDoc[]

/** Words a reader types: a headline's first word, a Chinese word, a company name, a tag, a prefix. */
const article = documents.find((doc) => doc._id === `article.${dataset.articleSlugs[5]}`)!
const INPUTS = [String(article.title).split(' ').at(-1)!, String(article.title).slice(0, 2), 'Company 3', 'chip export', 'zzzunknown']
const SCORED = `*[_type in ["article", "company"] && searchText match $terms] | score(boost(searchTitle match $terms, 3), searchText match $terms)
  | order(_score desc, publishedAt desc, _id asc)[0...15]{_id, _score}`
const PREFIX = '*[searchText match $prefix] | order(_id)[0...10]._id'

async function expectSearchEqualsGroq(lake: LocalLake, perspectives: Perspective[] = ['published', 'drafts'], inputs = INPUTS): Promise<void> {
  const all = lake.allDocuments() as AnyDoc[]
  for (const perspective of perspectives) {
    const reference = perspective === 'drafts' ? draftsReference(all) : publishedReference(all)
    for (const input of inputs) {
      const terms = searchTerms(input) ?? input
      for (const [query, params] of [[SEARCH_QUERY, {terms}], [SCORED, {terms}], [PREFIX, {prefix: `${input.slice(0, 3)}*`}]] as const) {
        const expected = await (await evaluate(parse(query), {dataset: reference, params})).get()
        expect(await lake.fetch(query, params, {perspective}), `${perspective} ${query.slice(0, 40)} ${input}`).toEqual(expected)
      }
    }
  }
}

/** Search on a reopened lake, with what building its text indexes cost and what the searches answered. */
async function searchAfterReopen(file: string): Promise<{lake: LocalLake; parsed: number; read: number; rebuilt: number; results: unknown[]}> {
  const before = {...textIndexStats}
  const lake = await LocalLake.open(file, options)
  expect(lake.loadedKeysFrom).toBe('index')
  const results: unknown[] = []
  for (const input of INPUTS) results.push(await lake.fetch(SEARCH_QUERY, {terms: searchTerms(input)}))
  return {
    lake,
    parsed: textIndexStats.parsedDocuments - before.parsedDocuments,
    read: textIndexStats.postingsRead - before.postingsRead,
    rebuilt: textIndexStats.postingsRebuilt - before.postingsRebuilt,
    results,
  }
}

/** What plain groq-js answers to `searchAfterReopen`'s searches. */
async function groqSearches(lake: LocalLake): Promise<unknown[]> {
  const dataset = publishedReference(lake.allDocuments() as AnyDoc[])
  const results: unknown[] = []
  for (const input of INPUTS) results.push(await (await evaluate(parse(SEARCH_QUERY), {dataset, params: {terms: searchTerms(input)}})).get())
  return results
}

async function freshDataset(name: string, docs: AnyDoc[] = documents): Promise<string> {
  const file = writeNdjson(join(dir, `${name}.ndjson`), docs)
  await (await LocalLake.open(file, options)).close()
  expect(existsSync(`${file}.postings`)).toBe(true)
  return file
}

describe('text postings file', () => {
  it('a reopened dataset searches from the persisted postings: no document parsed, results as groq-js', async () => {
    const file = await freshDataset('reopen')
    const {lake, parsed, read, rebuilt} = await searchAfterReopen(file)
    expect({parsed, read, rebuilt}).toEqual({parsed: 0, read: 1, rebuilt: 0})
    await expectSearchEqualsGroq(lake, ['published'])
    await lake.close()
  })

  /** Flips one bit at `offset(bytes, bodyStart)` of the postings file (the body starts after the header line). */
  const flip = (offset: (bytes: Buffer, bodyStart: number) => number) => (file: string) => {
    const bytes = readFileSync(`${file}.postings`)
    bytes[offset(bytes, bytes.indexOf(0x0a) + 1)] ^= 0x01
    writeFileSync(`${file}.postings`, bytes)
  }
  // [name, damage, whether the file is trusted at first (its tables check out) before a chunk is caught on use]
  const corruptions: [string, (file: string) => void, number][] = [
    // The last section's postings: the searches below read them (every title word), so the damage is caught then.
    ['a bit flipped in its postings', flip((bytes) => bytes.length - 7), 1],
    // A chunk's hash in the header: the postings under it are not used either.
    ['a bit flipped in a chunk hash', flip((bytes) => bytes.indexOf('"chunkSha256":["') + 20), 1],
    ['a bit flipped in its key tables', flip((_, bodyStart) => bodyStart + 9), 0],
    ['a bit flipped in its header', flip((bytes) => bytes.indexOf('"documents":') + 12), 0],
    ['truncated', (file) => truncateSync(`${file}.postings`, 300), 0],
    ['from another dataset', (file) => copyFileSync(`${file}-other.ndjson.postings`, `${file}.postings`), 0],
  ]
  for (const [name, corrupt, trustedAtFirst] of corruptions) {
    it(`a postings file ${name} is rebuilt, results as groq-js`, async () => {
      const file = await freshDataset(`corrupt-${corruptions.findIndex(([n]) => n === name)}`)
      await freshDataset(`corrupt-${corruptions.findIndex(([n]) => n === name)}.ndjson-other`, generateDataset(60, 3).documents as AnyDoc[])
      corrupt(file)
      const first = await searchAfterReopen(file)
      expect({read: first.read, rebuilt: first.rebuilt}).toEqual({read: trustedAtFirst, rebuilt: 1})
      // Including the search during which a damaged chunk was caught: answered from the rebuilt postings.
      expect(first.results).toEqual(await groqSearches(first.lake))
      await expectSearchEqualsGroq(first.lake)
      await first.lake.close()
      // Rewritten: the next reopen reads it.
      const second = await searchAfterReopen(file)
      expect({parsed: second.parsed, read: second.read, rebuilt: second.rebuilt}).toEqual({parsed: 0, read: 1, rebuilt: 0})
      await second.lake.close()
    })
  }

  it('stale postings (of the same dataset before a write) are not trusted', async () => {
    const file = await freshDataset('stale')
    const old = readFileSync(`${file}.postings`)
    const lake = await LocalLake.open(file, options)
    await lake.mutate([{patch: {id: `article.${dataset.articleSlugs[0]}`, set: {searchText: 'rewritten words only'}}}])
    await lake.close()
    writeFileSync(`${file}.postings`, old)
    const reopened = await searchAfterReopen(file)
    expect(reopened.rebuilt).toBe(1)
    await expectSearchEqualsGroq(reopened.lake)
    await reopened.lake.close()
  })

  it('search after writes on a reopened dataset, and after the close fold, equals groq-js', async () => {
    const file = await freshDataset('writes')
    const {lake} = await searchAfterReopen(file)
    const [a, b, c] = [dataset.articleSlugs[5], dataset.articleSlugs[9], dataset.articleSlugs[20]].map((slug) => `article.${slug}`)
    const word = INPUTS[0]
    // Words the patched article held before: looked up for the first time only after the write.
    const before = String(documents.find((doc) => doc._id === a)!.searchText).split(' ').filter((token) => /^[a-z]{4,}$/.test(token)).slice(0, 4)
    await lake.mutate([
      {patch: {id: a, set: {searchText: `${word} ${word} chip`, searchTitle: 'chip'}}},
      {delete: {id: b}},
      {create: {_id: 'article.new', _type: 'article', title: 'New', publishedAt: '2030-01-01T00:00:00Z', searchText: `chip export ${word}`, searchTitle: word}},
      {createOrReplace: {_id: `drafts.${c}`, _type: 'article', title: 'Draft', publishedAt: '2031-01-01T00:00:00Z', searchText: `${word} draft`, searchTitle: word}},
    ])
    await expectSearchEqualsGroq(lake, ['published', 'drafts'], before)
    await expectSearchEqualsGroq(lake)
    await lake.mutate([{delete: {id: `drafts.${c}`}}, {patch: {id: 'article.new', set: {searchText: 'export'}}}])
    await expectSearchEqualsGroq(lake)
    await lake.close()
    // The fold carried the postings over: a reopen parses nothing and answers the same.
    const reopened = await searchAfterReopen(file)
    expect({parsed: reopened.parsed, read: reopened.read}).toEqual({parsed: 0, read: 1})
    await expectSearchEqualsGroq(reopened.lake)
    await reopened.lake.close()
  })
})
