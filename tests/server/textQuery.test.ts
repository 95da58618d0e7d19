/**
 * `match text::query()` on the stand-in, through `@sanity/client`: the search syntax Sanity documents (words,
 * `*` wildcards, `"phrases"`, `-exclusions`), the value searched deeply (a document's content, not its system
 * attributes), perspectives, `score()`/`boost()`, and Sanity's own `groq2024` Studio search (`createSearch`
 * from `sanity`, the strategy Sanity 6 uses by default) finding an article by a word of its title or body.
 */
import {createSearch, createSchema} from 'sanity'
import {firstValueFrom} from 'rxjs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startServerFixture, type ServerFixture} from './standInFixture'

let fixture: ServerFixture

const block = (key: string, text: string) => ({
  _type: 'block',
  _key: key,
  style: 'normal',
  markDefs: [],
  children: [{_type: 'span', _key: `${key}s`, text, marks: []}],
})

beforeAll(async () => {
  fixture = await startServerFixture({
    seed: [
      {
        create: {
          _id: 'article.microsoft',
          _type: 'article',
          title: 'Microsoft claws back Chinese market',
          slug: {_type: 'slug', current: 'microsoft-claws-back'},
          body: [block('a', 'Cloud revenue rose in Beijing.'), block('b', 'Analysts expect growth.')],
        },
      },
      {create: {_id: 'article.bytedance', _type: 'article', title: '字节跳动估值 ByteDance valuation', body: [block('c', 'TikTok owner buys back shares')]}},
      {create: {_id: 'drafts.article.bytedance', _type: 'article', title: '字节跳动估值 ByteDance valuation revised', body: []}},
      {create: {_id: 'company.microsoft', _type: 'company', name: 'Microsoft', description: 'Software maker in Redmond'}},
    ],
  })
})

afterAll(async () => {
  await fixture?.close()
})

const ids = async (query: string, params: Record<string, unknown> = {}, perspective: 'published' | 'drafts' | 'raw' = 'published') =>
  [...((await fixture.client().fetch(query, params, {perspective})) as string[])].sort()
const matching = (search: string, left = '[@, _id]') => ids(`*[${left} match text::query($search)]._id`, {search})

describe('text::query search strings', () => {
  it('asks for every word, case-insensitively, and * as a wildcard', async () => {
    expect(await matching('microsoft')).toEqual(['article.microsoft', 'company.microsoft'])
    expect(await matching('MICROSOFT chinese')).toEqual(['article.microsoft'])
    expect(await matching('micro')).toEqual([])
    expect(await matching('micro*')).toEqual(['article.microsoft', 'company.microsoft'])
    expect(await matching('*')).toEqual(['article.bytedance', 'article.microsoft', 'company.microsoft'])
    expect(await matching('microsoft nowhere')).toEqual([])
  })

  it('keeps a quoted phrase together, within one string', async () => {
    expect(await matching('"claws back"')).toEqual(['article.microsoft'])
    expect(await matching('"back claws"')).toEqual([])
    // "Beijing." ends one block and "Analysts" starts the next: no phrase across two strings.
    expect(await matching('"beijing analysts"')).toEqual([])
    expect(await matching('beijing analysts')).toEqual(['article.microsoft'])
  })

  it('excludes words and phrases marked with -', async () => {
    expect(await matching('microsoft -redmond')).toEqual(['article.microsoft'])
    expect(await matching('microsoft -"software maker"')).toEqual(['article.microsoft'])
    expect(await matching('-microsoft')).toEqual(['article.bytedance'])
    expect(await matching('')).toEqual([])
  })

  it('finds Chinese the way match does: a run of Chinese is one word, a prefix finds it', async () => {
    expect(await matching('字节跳动*')).toEqual(['article.bytedance'])
    expect(await matching('字节跳动')).toEqual([])
    expect(await matching('字节跳动估值')).toEqual(['article.bytedance'])
  })
})

describe('what text::query searches', () => {
  it('searches the content at any depth but not system attributes (_type block/span, _key, _id)', async () => {
    expect(await matching('tiktok', '@')).toEqual(['article.bytedance'])
    expect(await matching('span', '@')).toEqual([])
    expect(await matching('article', '@')).toEqual([])
    expect(await matching('article.microsoft', '_id')).toEqual(['article.microsoft'])
    expect(await matching('cloud', 'title')).toEqual([])
    expect(await matching('cloud', 'pt::text(body)')).toEqual(['article.microsoft'])
    expect(await matching('claws', 'slug.current')).toEqual(['article.microsoft'])
  })

  it('answers in the requested perspective (the draft overlays its published id)', async () => {
    const query = '*[_type == "article" && title match text::query($search)]._id'
    expect(await ids(query, {search: 'revised'})).toEqual([])
    expect(await ids(query, {search: 'revised'}, 'drafts')).toEqual(['article.bytedance'])
    expect(await ids(query, {search: 'revised'}, 'raw')).toEqual(['drafts.article.bytedance'])
  })

  it('ranks with score() and boost() by the clauses that match', async () => {
    const ranked = await fixture.client().fetch(
      `*[_type in ["article", "company"]] | score(boost(title match text::query($search), 10), [@, _id] match text::query($search))
        [_score > 0] | order(_score desc, _id asc) {_id, _score}`,
      {search: 'microsoft'},
    )
    expect(ranked.map((row: {_id: string}) => row._id)).toEqual(['article.microsoft', 'company.microsoft'])
    expect(ranked[0]._score).toBeGreaterThan(ranked[1]._score)
  })

  it('refuses a search string that depends on the row', async () => {
    await expect(fixture.client().fetch('*[title match text::query(_id)]')).rejects.toThrow(/text::query\(\) needs a string/)
  })
})

describe("Sanity's groq2024 Studio search (Sanity 6's default) against the stand-in", () => {
  const schema = createSchema({
    name: 'search',
    types: [
      {
        name: 'article',
        type: 'document',
        fields: [
          {name: 'title', type: 'string'},
          {name: 'slug', type: 'slug'},
          {name: 'body', type: 'array', of: [{type: 'block'}]},
        ],
      },
      {name: 'company', type: 'document', fields: [{name: 'name', type: 'string'}, {name: 'description', type: 'text'}]},
    ],
  })
  const types = ['article', 'company'].map((name) => schema.get(name)!)
  const studioSearch = (text: string) =>
    firstValueFrom(createSearch(types as never, fixture.client(), {strategy: 'groq2024', perspective: ['drafts']} as never)(text, {limit: 25} as never))

  it('lists documents by a word of the title as it is typed (the last word is a prefix)', async () => {
    const {hits} = await studioSearch('claws bac')
    expect(hits.map(({hit}: {hit: {_id: string}}) => hit._id)).toEqual(['article.microsoft'])
  })

  it('ranks a title hit above a mention elsewhere and finds body text', async () => {
    const {hits} = await studioSearch('microsoft')
    expect(hits.map(({hit}: {hit: {_id: string}}) => hit._id)).toEqual(['article.microsoft', 'company.microsoft'])
    const {hits: body} = await studioSearch('analysts')
    expect(body.map(({hit}: {hit: {_id: string}}) => hit._id)).toEqual(['article.microsoft'])
    // The Studio searches the drafts perspective: the draft of the ByteDance article has no body, so no TikTok.
    const {hits: drafted} = await studioSearch('tiktok')
    expect(drafted).toEqual([])
  })
})
