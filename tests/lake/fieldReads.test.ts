/**
 * A reader of a few fields of many documents (a sitemap page: `seo.noIndex`, `coalesce(updatedAt, _updatedAt)`)
 * reads only those top-level fields out of each line (`store/topLevelFields.ts`) instead of parsing the whole
 * document, and a kept sort field's null is taken as the answer once the line showed it is absent or null. The
 * lines here are written by hand to trip a byte walk: blanks, escapes, braces and quotes inside strings, keys
 * repeated (the last wins, as in JSON.parse), an escaped key, and sort fields holding objects and arrays.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {parseStats} from '../../lake/store/storedDocument'
import {topLevelFieldRanges} from '../../lake/store/topLevelFields'
import {tempDir} from './tempLake'

const dir = tempDir('field-reads')
const options = {keyIndexMinBytes: 0}

const LINES = [
  '{"_id":"article.a","_type":"article","slug":{"current":"a"},"seo":{"noIndex":true},"updatedAt":"2025-01-02"}',
  ' { "_id" : "article.b" , "_type" : "article" , "slug" : { "current" : "b" } , "_updatedAt" : "2025-02-01" } ',
  '{"_id":"article.c","_type":"article","slug":{"current":"c"},"body":[{"t":"\\"}]{[,\\\\"}],"seo":{"noIndex":false},"_updatedAt":"2025-03-01"}',
  '{"_id":"article.d","_type":"article","slug":{"current":"d"},"updatedAt":{"at":"x"},"_updatedAt":"2025-04-01","title":["list"]}',
  '{"_id":"article.e","_type":"article","slug":{"current":"e"},"seo":{"noIndex":true},"seo":{"noIndex":false},"updatedAt":null,"_updatedAt":"2025-05-01"}',
  '{"_id":"article.f","_type":"article","slug":{"current":"f"},"up\\u0064atedAt":"2025-06-06","_updatedAt":"2025-06-01","title":"标题 \\u00e9"}',
  '{"_id":"article.g","_type":"article","slug":{"current":"g"},"updatedAt":"2025-07-07","updatedAt":{"o":1},"n":-1.5e3,"ok":true,"none":null}',
  '{"_id":"company.h","_type":"company","slug":{"current":"h"},"_updatedAt":"2025-08-01","title":{"nested":{"deep":["}"]}}}',
  '{"_id":"drafts.article.a","_type":"article","slug":{"current":"a"},"seo":{"noIndex":false}}',
]

const QUERIES = [
  '*[_type in ["article", "company"] && defined(slug.current) && !(seo.noIndex == true)] | order(_id asc)[0...20]{_id, "slug": slug.current, "updatedAt": coalesce(updatedAt, _updatedAt)}',
  '*[_type == "article"] | order(_id desc)[0...20]{_id, title, n, ok, none, "noIndex": seo.noIndex}',
  '*[defined(title)] | order(_id asc)[0...20]{_id, title, updatedAt}',
]

describe('reading a few fields of a stored document', () => {
  it('finds exactly the top-level values JSON.parse would give, or declines', () => {
    const names = ['seo', 'updatedAt', 'title', '_id'].map((name) => Buffer.from(name))
    for (const line of LINES) {
      const bytes = Buffer.from(line)
      const doc = JSON.parse(line) as Record<string, unknown>
      const ranges = topLevelFieldRanges(bytes, names)
      if (line.includes('\\u0064')) continue
      expect(ranges, line).toBeDefined()
      names.forEach((name, n) => {
        const value = ranges![2 * n] < 0 ? undefined : JSON.parse(bytes.toString('utf8', ranges![2 * n], ranges![2 * n + 1]))
        expect(value, `${name} of ${line}`).toEqual(doc[name.toString()])
      })
    }
    // A key with an escape is not compared byte for byte: the caller parses the whole line.
    expect(topLevelFieldRanges(Buffer.from(LINES[5]), names)).toBeUndefined()
  })

  it('answers as plain groq-js after a reopen, parsing only the lines it cannot walk', async () => {
    const file = join(dir, 'fields.ndjson')
    writeFileSync(file, LINES.join('\n') + '\n')
    await (await LocalLake.open(file, options)).close()
    const lake = await LocalLake.open(file, options)
    try {
      expect(lake.loadedKeysFrom).toBe('index')
      const docs = LINES.map((line) => JSON.parse(line) as {_id: string})
      const published = docs.filter((doc) => !doc._id.startsWith('drafts.'))
      const before = parseStats.documents
      const first = await lake.fetch(QUERIES[0])
      expect(first).toEqual(await (await evaluate(parse(QUERIES[0]), {dataset: published})).get())
      // Only the line with an escaped key was parsed whole.
      expect(parseStats.documents - before).toBe(1)
      for (const query of QUERIES) {
        for (const perspective of ['published', 'raw'] as const) {
          const dataset = perspective === 'raw' ? docs : published
          expect(await lake.fetch(query, {}, {perspective}), `${perspective}: ${query}`).toEqual(await (await evaluate(parse(query), {dataset})).get())
        }
      }
    } finally {
      await lake.close()
    }
  })
})
