/**
 * A page run again (the regulation timeline, a list's cards) projects the same documents on every run. The first
 * run reads only the projected top-level fields out of each line (`StoredDocument#fields`); the second, reading the
 * same fields of the same documents, parses them whole so the parsed cache keeps them; from the third run on no
 * line is read at all. Before, every run read and partly parsed every projected line from the file (the timeline at
 * 100k articles: 10 ms a run instead of 1). Results are compared with plain groq-js on every run.
 */
import {join} from 'node:path'
import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {parseStats} from '../../lake/store/storedDocument'
import {tempDir, writeNdjson} from './tempLake'

const dir = tempDir('page-rereads')

const REGULATIONS = Array.from({length: 40}, (_, i) => ({
  _id: `regulation.r${String(i).padStart(2, '0')}`,
  _type: 'regulation',
  title: `Rule ${(i * 17) % 40}`,
  slug: {current: `r${i}`},
  ...(i % 3 === 0 ? {} : {adoptedAt: `2024-0${1 + (i % 9)}-01`}),
  events: Array.from({length: i % 4}, (_, k) => ({_key: `e${k}`, date: `2023-0${1 + k}-15`, label: `event ${k} of ${i}`})),
  body: 'x'.repeat(200),
}))
const ARTICLES = Array.from({length: 30}, (_, i) => ({
  _id: `article.a${i}`,
  _type: 'article',
  title: `Article ${i}`,
  slug: {current: `a${i}`},
  seo: i % 5 === 0 ? {noIndex: true} : undefined,
}))

/** Projected fields no stored key holds (`events`, `adoptedAt`, `seo`), so each run must get them from somewhere. */
const TIMELINE = `*[_type == "regulation"] | order(coalesce(adoptedAt, "9999") asc, _id asc)[0...30]{
  _id, title, adoptedAt, "events": events[]{date, label}, "eventCount": count(events)}`
const SITEMAP = `*[_type in ["article", "regulation"] && !(seo.noIndex == true)] | order(_id asc)[0...50]{_id, "slug": slug.current}`

describe('a page run again', () => {
  it('reads its lines once, parses them whole on the second run, and reads none from the third, answering as groq-js', async () => {
    const file = writeNdjson(join(dir, 'rereads.ndjson'), [...REGULATIONS, ...ARTICLES])
    await (await LocalLake.open(file, {keyIndexMinBytes: 0})).close()
    const lake = await LocalLake.open(file, {keyIndexMinBytes: 0})
    try {
      expect(lake.loadedKeysFrom).toBe('index')
      const dataset = JSON.parse(JSON.stringify([...REGULATIONS, ...ARTICLES]))
      const expected = await (await evaluate(parse(TIMELINE), {dataset})).get()
      const counts: {fieldReads: number; documents: number}[] = []
      for (let run = 0; run < 4; run++) {
        const before = {...parseStats}
        expect(await lake.fetch(TIMELINE)).toEqual(expected)
        counts.push({fieldReads: parseStats.fieldReads - before.fieldReads, documents: parseStats.documents - before.documents})
      }
      expect(counts).toEqual([
        // The ordered index's `coalesce(adoptedAt, …)` key reads every regulation's `adoptedAt` once (then kept in
        // the index); the projection reads the 30 it shows.
        {fieldReads: REGULATIONS.length + 30, documents: 0},
        {fieldReads: 0, documents: 30},
        {fieldReads: 0, documents: 0},
        {fieldReads: 0, documents: 0},
      ])
    } finally {
      await lake.close()
    }
  })

  it('keeps reading only a few fields where a query reads a document once per reader (a sitemap page)', async () => {
    const file = writeNdjson(join(dir, 'sitemap.ndjson'), [...ARTICLES, ...REGULATIONS])
    await (await LocalLake.open(file, {keyIndexMinBytes: 0})).close()
    const lake = await LocalLake.open(file, {keyIndexMinBytes: 0})
    try {
      const dataset = JSON.parse(JSON.stringify([...ARTICLES, ...REGULATIONS]))
      const expected = await (await evaluate(parse(SITEMAP), {dataset})).get()
      const before = {...parseStats}
      expect(await lake.fetch(SITEMAP)).toEqual(expected)
      expect(await lake.fetch(SITEMAP)).toEqual(expected)
      // `seo.noIndex` is read once per document (then remembered as a row value); nothing is parsed whole.
      expect(parseStats.fieldReads - before.fieldReads).toBe(ARTICLES.length + REGULATIONS.length)
      expect(parseStats.documents - before.documents).toBe(0)
    } finally {
      await lake.close()
    }
  })
})
