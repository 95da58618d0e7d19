/**
 * The index is an optimisation, never a change of meaning: representative queries over a generated dataset
 * give exactly what plain groq-js gives over the same documents, in every perspective, before and after a
 * batch of random writes that move documents between index buckets.
 */
import {join} from 'node:path'
import {evaluate, parse} from 'groq-js'
import {beforeAll, describe, expect, it} from 'vitest'
import {LocalLake, type Mutation, type Perspective} from '../../lake'
import {generateDataset} from '../../scripts/bench/syntheticDataset'
import {draftsReference, publishedReference, tempDir, writeNdjson} from './tempLake'

const dataset = generateDataset(300, 7)
const [slugA, slugB] = [dataset.articleSlugs[7], dataset.articleSlugs[123]]
const company = dataset.companyIds[3]

const ARTICLE_PAGE = `*[_type == "article" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, authors[]->{name}, section->{title},
  body[]{..., _type == "quotation" => {..., speaker->{name}},
    markDefs[]{..., _type == "companyMention" => {"company": company->name}}},
  relatedCompanies[]->{name, "articles": count(*[_type == "article" && references(^._id)])},
  "sameSection": *[_type == "article" && section._ref == ^.section._ref && _id != ^._id] | order(publishedAt desc)[0...3]._id}`

const QUERIES: [string, Record<string, unknown>][] = [
  [ARTICLE_PAGE, {slug: slugA}],
  [ARTICLE_PAGE, {slug: slugB}],
  [ARTICLE_PAGE, {slug: 'no-such-slug'}],
  ['*[_type == "article" && references($section)] | order(publishedAt desc, _id desc)[0...10]{_id, title}', {section: dataset.sectionIds[2]}],
  ['*[_type == "article"] | order(publishedAt desc)[0...20]{_id, publishedAt}', {}],
  ['*[_id in $ids]{_id, _type}', {ids: [company, `article.${slugA}`, `drafts.article.${slugA}`, 'missing', company]}],
  ['*[_id == $id][0]', {id: `article.${slugA}`}],
  ['*[_type in ["section", "regulation"]]._id', {}],
  ['*[_type in $types]._id', {types: ['author', 5, 'section']}],
  ['count(*[references($id)])', {id: company}],
  ['*[references($ids)]._id', {ids: [company, dataset.regulationIds[0]]}],
  ['*[references([])]._id', {}],
  ['*[_type == "company" && slug.current == $slug][0]{name, "articles": *[_type == "article" && references(^._id)] | order(publishedAt desc)[0...5]._id, "subsidiaries": *[_type == "company" && parent._ref == ^._id].name}', {slug: dataset.companySlugs[4]}],
  ['*[slug.current == $slug]._id', {slug: slugA}],
  ['*[@.slug.current == $slug && @._type == "article"]._id', {slug: slugB}],
  ['*[(_type == "article") && ($tag in tags)][0...5]._id', {tag: 'chip'}],
  ['*[_type == "article" || _type == "section"][0...5]._id', {}],
  ['*[!(_type == "article")]._id', {}],
  ['*[_type == $missing]', {missing: 'nothing'}],
  ['*[_type == 5]', {}],
  ['*[_id in []]', {}],
  ['*[_type == "company" && defined(unicorn)] | order(unicorn.latestValuation.amount desc, _id)[0...5]{_id, "v": unicorn.latestValuation.amount}', {}],
  ['*[_type == "article"][0...3]{"same": *[_type == "article" && slug.current == ^.slug.current]._id}', {}],
  // Per-row lookups: the key comes from an outer scope (`^`), so the index is consulted during evaluation.
  ['*[_type == "article"][0...4]{_id, "mentioned": *[_type == "company" && _id in ^.body[].markDefs[_type == "companyMention"].company._ref]._id, "sec": *[_id == ^.section._ref][0].title}', {}],
  ['*[_type == "article"][0...3]{"rel": *[_id in ^.relatedCompanies[]._ref]{_id, "back": count(*[references(^._id)])}, "odd": *[references(^.relatedCompanies)]._id, "tagged": *[_id in ^.tags]._id}', {}],
  ['*[_type == "article"][0...4]{"marks": body[].markDefs[]{"c": *[_id == ^.company._ref][0].name}, "q": body[_type == "quotation"]{"who": *[_id == ^.speaker._ref && _type == "interviewSource"][0].name}}', {}],
  ['*[_type == "company"][0...6]{_id, "byParent": *[_id == ^.parent._ref]._id, "kids": *[_type == "company" && references(^._id)]._id, "self": *[_type == ^._type && _id == ^._id]._id}', {}],
  ['*[_type == "interviewSource"][0...4]{"quotes": *[_type == "article" && references(^._id)]{_id, "again": *[_id == ^._id]._id}}', {}],
  // Optional filters (`!defined($x) || ...`) and field references (`section._ref == $id`).
  ['*[_type == "article" && (!defined($section) || section._ref == $section) && (!defined($company) || references($company))] | order(publishedAt desc, _id desc)[0...5]._id', {section: dataset.sectionIds[1], company: null}],
  ['*[_type == "article" && (!defined($section) || section._ref == $section) && (!defined($company) || references($company))] | order(publishedAt desc, _id desc)[0...5]._id', {section: null, company: company}],
  ['*[_type == "article" && (section._ref == $section || false)]._id', {section: dataset.sectionIds[3]}],
  ['*[section._ref == ""]._id', {}],
  ['*[@.parent._ref == $id]._id', {id: dataset.companyIds[2]}],
  ['*[_type == "company"][0...8]{"subs": *[_type == "company" && parent._ref == ^._id]._id}', {}],
  ['{"a": count(*[_type == "article"]), "d": count(*[_id in path("drafts.**")])}', {}],
  ['*[_type == "article" && _id == $id && slug.current == $slug]._id', {id: `article.${slugA}`, slug: slugA}],
]

async function plainGroqJs(query: string, params: Record<string, unknown>, documents: unknown[]) {
  return (await evaluate(parse(query, {params}), {dataset: documents, params})).get()
}

const PERSPECTIVES: [Perspective, (docs: never[]) => unknown[]][] = [
  ['raw', (docs) => docs],
  ['published', publishedReference],
  ['drafts', draftsReference],
]

async function expectSameAsGroqJs(lake: LocalLake) {
  const documents = lake.allDocuments() as never[]
  for (const [perspective, view] of PERSPECTIVES) {
    const reference = view(documents)
    for (const [query, params] of QUERIES) {
      const expected = await plainGroqJs(query, params, reference)
      const actual = await lake.fetch(query, params, {perspective})
      expect(actual, `${perspective}: ${query} ${JSON.stringify(params)}`).toEqual(expected)
    }
  }
}

describe('store results equal plain groq-js results', () => {
  const dir = tempDir('property')
  let lake: LocalLake
  beforeAll(async () => {
    lake = await LocalLake.open(writeNdjson(join(dir, 'generated.ndjson'), dataset.documents))
  })

  it('for representative queries in every perspective', async () => {
    expect(lake.allDocuments()).toHaveLength(dataset.documents.length)
    await expectSameAsGroqJs(lake)
  })

  it('after writes that change types, slugs, references, drafts and deletions', async () => {
    const mutations: Mutation[] = [
      {patch: {id: `article.${slugB}`, set: {slug: {_type: 'slug', current: slugA}}}},
      {patch: {id: `article.${dataset.articleSlugs[9]}`, set: {_type: 'company'}}},
      {patch: {id: `article.${dataset.articleSlugs[10]}`, unset: ['relatedCompanies', 'body']}},
      {patch: {id: `article.${dataset.articleSlugs[11]}`, set: {'relatedCompanies[0]': {_type: 'reference', _ref: company, _key: 'c0'}}}},
      {delete: {id: `article.${dataset.articleSlugs[12]}`}},
      {delete: {id: company}},
      {create: {_id: company, _type: 'company', name: 'Recreated', slug: {_type: 'slug', current: 'recreated'}}},
      {createOrReplace: {_id: `drafts.article.${slugB}`, _type: 'article', title: 'Draft B', slug: {_type: 'slug', current: slugB}}},
      {create: {_id: 'drafts.article.only-draft', _type: 'article', title: 'Only a draft', slug: {_type: 'slug', current: slugA}}},
      {create: {_id: 'odd.top-level-ref', _type: 'article', _ref: 'x', section: {_ref: dataset.sectionIds[1]}, parent: {_ref: dataset.companyIds[2]}}},
      {create: {_id: 'odd.empty-ref', _type: 'article', section: {_ref: ''}}},
      {create: {_id: `versions.r1.article.${slugA}`, _type: 'article', title: 'In a release', slug: {_type: 'slug', current: slugA}}},
    ]
    await lake.mutate(mutations)
    await expectSameAsGroqJs(lake)
  })
})
