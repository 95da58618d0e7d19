/**
 * The ordered, text and score plans are optimisations, never a change of meaning: over random datasets (mixed
 * sort value types, ties, missing fields, drafts, tokens that only match case-insensitively or by prefix),
 * before and after random writes, in every perspective, the store answers exactly what plain groq-js answers.
 */
import {join} from 'node:path'
import {evaluate, evaluateSync, parse} from 'groq-js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {LocalLake, type Mutation, type Perspective} from '../../lake'
import {DocumentIndex} from '../../lake/store/documentIndex'
import {rewriteWithIndexes} from '../../lake/query/queryRewrite'
import {walkTuning} from '../../lake/query/orderedWalk'
import {seededRandom} from '../../scripts/bench/seededRandom'
import {draftsReference, publishedReference, tempDir, writeNdjson} from './tempLake'

const random = seededRandom

const DATES = ['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', '2024-03-05T10:00:00Z', '2025-07-01T00:00:00Z', '2023-12-31T23:59:59Z']
const WORDS = ['Chip', 'chip', 'chips', 'CHIPMAKER', 'cloud', 'ß', 'SS', 'ss', '中国', '中国市场', 'a.b', 'tik-tok', 'Tok', 'data.', 'x_y', 'İstanbul', 'ıi']
const TERMS = ['chip', 'chip*', 'ss', 'ß', '中国', 'a.b', 'tok', 'cloud chip', 'x_y', 'CHIP*', 'istanbul', 'data', 'ch*p', 'nothing', 'i*']

function sortValue(r: ReturnType<typeof random>): unknown {
  const roll = r.next()
  if (roll < 0.55) return r.pick(DATES)
  if (roll < 0.65) return r.pick([1, 2.5, -3])
  if (roll < 0.7) return r.pick([true, false])
  if (roll < 0.75) return null
  if (roll < 0.8) return {nested: 1}
  return undefined
}

function text(r: ReturnType<typeof random>, words: number): string {
  return Array.from({length: words}, () => r.pick(WORDS)).join(r.pick([' ', ', ', ' - ', '. ']))
}

/** Own `_score`s and arrays mixing strings with numbers make the exact search plan step aside: only in some datasets. */
let awkward = true

function randomDocument(r: ReturnType<typeof random>, id: string): Record<string, unknown> {
  const doc: Record<string, unknown> = {_id: id, _type: r.pick(['a', 'a', 'b', 'c'])}
  const fields: Record<string, unknown> = {
    publishedAt: sortValue(r),
    title: r.next() < 0.8 ? text(r, 2) : sortValue(r),
    slug: r.next() < 0.7 ? {current: r.pick(['x', 'y', 'z', 'w'])} : undefined,
    searchText: r.next() < 0.85 ? text(r, 1 + Math.floor(r.next() * 6)) : r.pick([['chip', 'cloud'], 5, null, ...(awkward ? [['chip', 5]] : [])]),
    searchTitle: r.next() < 0.6 ? text(r, 1 + Math.floor(r.next() * 2)) : undefined,
    _score: awkward && r.next() < 0.03 ? 2 : undefined,
    updatedAt: r.next() < 0.4 ? sortValue(r) : undefined,
    meta: r.next() < 0.6 ? {hidden: r.pick([true, false, null, 'yes', 1]), rank: sortValue(r)} : r.pick([undefined, 'flat', [1]]),
    // References (some dangling, some not strings) and arrays of objects: compiled `->`, `references()`, `a[…]`.
    link: r.next() < 0.6 ? {_ref: r.pick([`doc-${Math.floor(r.next() * 200)}`, 'drafts.doc-1', 5])} : undefined,
    links: r.next() < 0.5 ? Array.from({length: Math.floor(r.next() * 3)}, () => ({_ref: `doc-${Math.floor(r.next() * 200)}`})) : r.pick([undefined, 'x']),
    items: r.next() < 0.7
      ? Array.from({length: Math.floor(r.next() * 4)}, (_, k) => ({_key: `k${k}`, date: sortValue(r) ?? null, rank: r.pick([1, 2, '3', null]), ref: {_ref: `doc-${Math.floor(r.next() * 200)}`}}))
      : r.pick([undefined, null, 'flat']),
  }
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) doc[key] = value
  return doc
}

function randomDataset(seed: number, size: number) {
  const r = random(seed)
  const docs: Record<string, unknown>[] = []
  for (let i = 0; i < size; i++) {
    const id = `doc-${Math.floor(r.next() * size * 3)}`
    if (docs.some((doc) => doc._id === id)) continue
    docs.push(randomDocument(r, id))
    if (r.next() < 0.15) docs.push({...randomDocument(r, `drafts.${id}`), _type: docs[docs.length - 1]._type})
  }
  return docs
}

function queries(r: ReturnType<typeof random>, docs: Record<string, unknown>[]): [string, Record<string, unknown>][] {
  const cursor = r.pick(docs)
  const terms = r.pick(TERMS)
  const refTargets = docs.flatMap((doc) => [(doc.link as {_ref?: unknown} | undefined)?._ref, ...(Array.isArray(doc.items) ? doc.items.map((item) => item.ref._ref) : [])])
    .filter((id): id is string => typeof id === 'string')
    .slice(0, 20)
  if (refTargets.length === 0) refTargets.push('doc-1')
  return [
    ['*[_type == $type] | order(publishedAt desc, _id desc)[0...$n]{_id, publishedAt}', {type: r.pick(['a', 'b']), n: 1 + Math.floor(r.next() * 8)}],
    ['*[_type in ["a", "b"] && (!defined($last) || publishedAt < $last || (publishedAt == $last && _id < $lastId))] | order(publishedAt desc, _id desc)[0...4]._id',
      {last: cursor.publishedAt ?? null, lastId: cursor._id}],
    ['* | order(publishedAt asc)[2...7]._id', {}],
    ['*[_type != "c"] | order(publishedAt desc)[0..3]._id', {}],
    ['*[defined(title)] | order(title asc, _id asc)[0]._id', {}],
    ['*[_type == "a"] | order(slug.current desc, publishedAt asc)[1...6]{_id, "s": slug.current}', {}],
    ['*[_type == "a" && publishedAt >= $x] | order(publishedAt asc, _id asc)[0...3]._id', {x: r.pick([...DATES, 1, true])}],
    ['*[publishedAt > $x || publishedAt == 2.5] | order(publishedAt desc, _id asc)[0...5]._id', {x: r.pick(DATES)}],
    ['*[searchText match $terms]._id', {terms}],
    ['*[[title, searchText] match $terms && _type in ["a", "b"]]._id', {terms}],
    ['*[searchTitle match $terms] | order(publishedAt desc)[0...3]._id', {terms}],
    ['*[_type in ["a", "b"] && searchText match $terms] | score(boost(searchTitle match $terms, 3), searchText match $terms) | order(_score desc, publishedAt desc, _id asc)[0...4]{_id, _score}',
      {terms}],
    ['*[searchText match $terms && defined(publishedAt)] | score(searchText match $terms) | order(_score desc)[0...3]{_id, _score}', {terms}],
    // The search query's shape: exact scores from postings when the keys are plain (see exactScoredWalk.ts).
    ['*[_type in ["a", "b"] && searchText match $terms && (_type == "b" || defined(publishedAt))] | score(boost(searchTitle match $terms, 3), searchText match $terms) | order(_score desc, publishedAt desc, _id asc)[$s...$e]{_id, _score, title}',
      {terms: r.pick(['chip', 'cloud', 'cloud chip', 'data', 'tok', 'chips cloud', terms]), s: Math.floor(r.next() * 3), e: 3 + Math.floor(r.next() * 5)}],
    ['*[searchTitle match $terms] | score(searchText match $terms || boost(searchTitle match $terms, 1.5), searchTitle match $terms && searchText match $terms) | order(_score desc, _id desc)[0...3]{_id, _score}',
      {terms: r.pick(['chip', 'cloud chip', 'chips', terms])}],
    // Every order term indexed: the slice is the result, its projection computed from stored keys (sitemap shape).
    ['*[_type in ["a", "b"] && defined(slug.current) && !(meta.hidden == true) && (!defined($from) || _id >= $from)] | order(_id asc)[0...$n]{_id, _type, "slug": slug.current, "u": coalesce(updatedAt, publishedAt), "h": meta.hidden, "m": meta}',
      {from: r.next() < 0.5 ? null : cursor._id, n: 1 + Math.floor(r.next() * 20)}],
    ['{"next": (*[_type in ["a", "b"] && defined(slug.current) && !(meta.hidden == true) && (!defined($from) || _id >= $from)] | order(_id asc)[$n..$n]{_id})[0]._id}',
      {from: r.next() < 0.5 ? null : cursor._id, n: Math.floor(r.next() * 12)}],
    // Expression keys (coalesce, nested paths) and compiled conditions over mixed types, nulls and objects.
    ['*[_type == $type] | order(coalesce(updatedAt, publishedAt) asc, _id asc)[0...5]{_id, "k": coalesce(updatedAt, publishedAt)}', {type: r.pick(['a', 'b'])}],
    ['*[defined(meta)] | order(meta.rank desc, title asc, _id desc)[1...5]{_id, "late": publishedAt > "2024-01-02T00:00:00Z", "t": _type in ["a", 5], "h": meta.hidden in [null, 1, "yes"], "p": publishedAt in [$x, 2.5], "n": !defined(title), "eq": meta.hidden != $x}',
      {x: r.pick([true, null, 'yes', 1])}],
    ['*[publishedAt >= $x || meta.hidden == $y] | order(title desc, publishedAt asc, _id asc)[0...4]{_id, title, "both": publishedAt < $x && updatedAt <= $x}',
      {x: r.pick([...DATES, 1, true]), y: r.pick([true, 'yes', null])}],
    ['*[_type == "a" && !(meta.hidden in [true, "yes"])] | order(coalesce(meta.rank, title) desc, _id asc)[0]{_id, "r": meta.rank}', {}],
    // Compiled `references()` narrowing a sorted lookup, and projections with `->` (article cards).
    ['*[_type == $type && defined(publishedAt) && references($id)] | order(publishedAt desc, _id desc)[0...$n]{_id, "l": link->{_id, title, "s": slug.current}, "ls": links[]->{_id}, "m": meta{hidden, "r": rank}}',
      {type: r.pick(['a', 'b']), id: r.pick(refTargets), n: 1 + Math.floor(r.next() * 6)}],
    ['*[references($id, $other)] | order(_id asc)[0...5]{_id, "t": link->title}', {id: r.next() < 0.3 ? null : r.pick(refTargets), other: r.pick([refTargets, 5, null])}],
    ['*[_type != "c" && references($id)] | order(_id asc)[0...5]._id', {id: r.pick([null, 5, [], [5]])}],
    // Sub-lists keyed by the outer row (`references(^._id)`, `link._ref == ^._id`): walked per row with `^` as a parameter.
    ['*[_type == "a"] | order(_id asc)[0...6]{_id, "in": *[_type != "c" && references(^._id) && defined(publishedAt)] | order(publishedAt desc, _id desc)[0...$n]{_id, "l": link->_id}, "first": *[link._ref == ^._id] | order(title asc, _id asc)[0]._id, "hits": *[^.title == title || ^._id in items[].ref._ref] | order(_id desc)[1...3]._id, "refs": *[references(^.link._ref)] | order(updatedAt asc)[0...2]{_id, "u": updatedAt}}',
      {n: 1 + Math.floor(r.next() * 4)}],
    // Events built from fields and arrays (the regulation timeline's shape): `+`, `a[]{…}`, `a[cond]`, `| order()`.
    ['*[_type in ["a", "b"]] | order(coalesce(updatedAt, publishedAt) asc, _id asc)[0...6]{_id, "events": ([{"kind": "p", "date": publishedAt}, {"kind": "u", "date": updatedAt}] + coalesce(items[]{"kind": "i", date, "k": _key}, []))[defined(date)] | order(date asc)}', {}],
    // The unicorn appearances' shape: `in` over `a[].b`, arithmetic order keys, an element's projection.
    ['*[references($id) && $id in items[].ref._ref] | order(meta.rank desc, coalesce(meta.rank * 2, count(items) + 1) desc, _id desc)[0...5]{_id, "entry": items[ref._ref == $id][0]{_key, rank}, "some": items[1..2]{_key}, "last": items[-1]._key, "neg": -meta.rank, "sum": title + "!", "both": meta + {"x": 1}, "ranked": items | order(rank desc)}',
      {id: r.pick(refTargets)}],
  ]
}

async function plain(query: string, params: Record<string, unknown>, documents: unknown[]) {
  return (await evaluate(parse(query, {params}), {dataset: documents, params})).get()
}

const PERSPECTIVES: [Perspective, (docs: never[]) => unknown[]][] = [
  ['raw', (docs) => docs],
  ['published', publishedReference],
  ['drafts', draftsReference],
]

function randomWrites(r: ReturnType<typeof random>, docs: Record<string, unknown>[]): Mutation[] {
  const ids = [...new Set(docs.map((doc) => doc._id as string))]
  const mutations: Mutation[] = []
  const deleted = new Set<string>()
  for (let i = 0; i < 12; i++) {
    const id = r.pick(ids)
    const roll = r.next()
    // A patch after a delete of the same document in one transaction fails, as on the Content Lake.
    if (deleted.has(id) && roll < 0.8) continue
    if (roll >= 0.65 && roll < 0.8) deleted.add(id)
    if (roll < 0.5) mutations.push({patch: {id, set: {publishedAt: r.pick(DATES), searchText: text(r, 3), _type: r.pick(['a', 'b'])}}})
    else if (roll < 0.65) mutations.push({patch: {id, unset: ['publishedAt', 'searchTitle']}})
    else if (roll < 0.8) mutations.push({delete: {id}})
    else mutations.push({createOrReplace: randomDocument(r, r.next() < 0.5 ? `new-${i}` : `drafts.${id.replace(/^drafts\./, '')}`) as never})
  }
  return mutations
}

describe('ordered, text and score plans equal plain groq-js', () => {
  const dir = tempDir('indexed-plans')
  // Small datasets would otherwise be looked up and sorted whole: walk them, as large ones are.
  const lookupLimit = walkTuning.lookupLimit
  beforeAll(() => void (walkTuning.lookupLimit = 0))
  afterAll(() => void (walkTuning.lookupLimit = lookupLimit))

  it('reads only what the slice needs (the plans are really taken)', () => {
    const index = new DocumentIndex()
    for (let i = 0; i < 2000; i++) {
      index.put(`d${i}`, {_id: `d${i}`, _type: i % 2 ? 'a' : 'b', publishedAt: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        searchText: i % 3 ? 'chip cloud' : 'cloud', searchTitle: i % 7 ? 'x' : 'chip'})
    }
    const params = {t: 'chip', last: '2024-06-01'}
    const filter = (expr: unknown, docs: unknown[]) => evaluateSync({type: 'Filter', base: {type: 'Value', value: docs}, expr} as never, {params}).data as never[]
    const scored = (expr: unknown, args: unknown[], docs: unknown[]) =>
      new Map((evaluateSync({type: 'PipeFuncCall', name: 'score', args, base: {type: 'Filter', base: {type: 'Value', value: docs}, expr}} as never, {params}).data as {_id: string; _score: number}[]).map((row) => [row._id, row._score]))
    const candidates = (query: string) => {
      const tree = JSON.stringify(rewriteWithIndexes(parse(query), index, params, {passing: filter, scored}))
      return [...tree.matchAll(/"_id":"d\d+"/g)].length
    }
    expect(candidates('*[_type == "a"] | order(publishedAt desc, _id desc)[0...5]._id')).toBeLessThan(40)
    expect(candidates('*[_type == "a" && publishedAt < $last] | order(publishedAt desc, _id desc)[0...5]._id')).toBeLessThan(40)
    expect(candidates('*[searchText match $t] | score(boost(searchTitle match $t, 3), searchText match $t) | order(_score desc, publishedAt desc)[0...5]._id')).toBeLessThan(60)
    expect(candidates('*[searchTitle match $t]._id')).toBe(Math.ceil(2000 / 7))
  })

  for (const seed of [1, 2, 3]) {
    it(`random dataset ${seed}, before and after random writes, every perspective`, async () => {
      const r = random(seed * 7919)
      awkward = seed === 2
      const lake = await LocalLake.open(writeNdjson(join(dir, `random-${seed}.ndjson`), randomDataset(seed, 70)))
      for (const round of [0, 1]) {
        if (round === 1) await lake.mutate(randomWrites(r, lake.allDocuments()))
        const documents = lake.allDocuments() as never[]
        for (let repeat = 0; repeat < 3; repeat++) {
          // Walk everything, the default choice between walking and sorting looked-up candidates, or always sorting.
          walkTuning.lookupLimit = [0, lookupLimit, 100_000][repeat]
          for (const [query, params] of queries(r, documents)) {
            for (const [perspective, view] of PERSPECTIVES) {
              const expected = await plain(query, params, view(documents))
              const actual = await lake.fetch(query, params, {perspective})
              expect(actual, `${perspective} round ${round}: ${query} ${JSON.stringify(params)}`).toEqual(expected)
            }
          }
        }
      }
      await lake.close()
    })
  }
})
