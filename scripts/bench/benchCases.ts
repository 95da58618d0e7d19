/**
 * The queries the benchmark times and the parameters each run gets. When `queries/index.ts` exports the
 * query registry (the front ends' real queries), those are benchmarked with parameters drawn from the synthetic
 * dataset; otherwise a representative fallback set with the same shapes is used.
 */
import {searchTerms} from '../../queries/searchTerms'
import type {SyntheticDataset} from './syntheticDataset'
import {SEARCH_INPUTS} from './syntheticText'

export interface BenchCase {
  name: string
  query: string
  /** Parameters for run `i`: varied so that no run is answered from a warm per-slug path. */
  params: (i: number) => Record<string, unknown>
}

const at = <T>(items: T[], i: number): T => items[(i * 7919) % items.length]

/** `$terms` as `searchTerms()` makes them from what readers type: common and rare words, English and Chinese. */
const SEARCH_TERMS = SEARCH_INPUTS.map((input) => searchTerms(input)!)

const FALLBACK: Record<string, string> = {
  articleBySlug: `*[_type == "article" && slug.current == $slug][0]{
    _id, title, "slug": slug.current, dek, publishedAt, "section": section->{title, "slug": slug.current},
    "authors": authors[]->{name, "slug": slug.current}, heroImage{alt, caption},
    "body": body[]{..., _type == "block" => {"markDefs": markDefs[]{..., _type == "companyMention" => {"company": company->{name, "slug": slug.current}},
      _type == "regulationMention" => {"regulation": regulation->{title, "slug": slug.current}}, _type == "sourceMention" => {"source": source->{name}}}},
      _type == "quotation" => {"speaker": speaker->{name, jobTitle}}},
    "relatedCompanies": relatedCompanies[]->{name, "slug": slug.current}, "relatedRegulations": relatedRegulations[]->{title, abbreviation},
    "mentions": *[_type == "company" && _id in ^.body[].markDefs[_type == "companyMention"].company._ref][0...100]{name}}`,
  articleList: `*[_type == "article" && (!defined($section) || references($section))] | order(publishedAt desc, _id desc)[0...20]{_id, title, "slug": slug.current, publishedAt}`,
  companyBySlug: `*[_type == "company" && slug.current == $slug][0]{..., "parent": parent->{name}, "subsidiaries": *[_type == "company" && references(^._id)][0...50]{name},
    "articles": *[_type == "article" && references(^._id)] | order(publishedAt desc)[0...10]{title, publishedAt}}`,
  sitemap: `*[_type in ["article", "company", "regulation", "interviewSource"] && defined(slug.current) && (!defined($from) || _id >= $from)] | order(_id asc)[0...10000]{_type, "slug": slug.current, _updatedAt}`,
}

export async function loadBenchCases(data: SyntheticDataset): Promise<{cases: BenchCase[]; source: string}> {
  const slugs = {
    article: data.articleSlugs,
    company: data.companySlugs,
    regulation: data.regulationIds.map((id) => id.replace(/^regulation\./, '')),
    source: data.sourceIds.map((id) => id.replace(/^interviewSource\./, '')),
  }
  const raw: [string, string, (i: number) => Record<string, unknown>][] = [
    ['articleBySlug', 'articleBySlug', (i) => ({slug: at(slugs.article, i)})],
    ['articleList', 'articleList', () => ({limit: 20})],
    ['articleList (section)', 'articleList', (i) => ({limit: 20, section: at(data.sectionIds, i)})],
    ['articleList (company)', 'articleList', (i) => ({limit: 20, company: at(data.companyIds, i)})],
    ['companyBySlug', 'companyBySlug', (i) => ({slug: at(slugs.company, i)})],
    ['regulationBySlug', 'regulationBySlug', (i) => ({slug: at(slugs.regulation, i)})],
    ['regulationTimeline', 'regulationTimeline', () => ({})],
    ['sourceBySlug', 'sourceBySlug', (i) => ({slug: at(slugs.source, i)})],
    ['latestUnicornLists', 'latestUnicornLists', () => ({})],
    ['unicornListBySlug', 'unicornListBySlug', () => ({slug: 'list-0'})],
    ['companyUnicornAppearances', 'companyUnicornAppearances', (i) => ({companyId: at(data.companyIds.slice(0, 30), i)})],
    ['search', 'search', (i) => ({terms: SEARCH_TERMS[i % SEARCH_TERMS.length]})],
    ['sitemap (first file)', 'sitemap', () => ({})],
    ['sitemap (a later file)', 'sitemap', (i) => ({from: at(data.companyIds, i)})],
    ['sitemapIndex (next file)', 'sitemapIndex', (i) => ({from: at(data.companyIds, i)})],
  ]
  try {
    const queries = await import('../../queries')
    const registry = queries.queryRegistry as Record<string, {query: string; params: Record<string, unknown>}>
    const cases = raw
      .filter(([, name]) => registry[name])
      .map(([label, name, params]) => ({
        name: label,
        query: registry[name].query,
        params: (i: number) => queries.validateParams(name, registry[name].params as never, params(i)),
      }))
    if (cases.length > 0) return {cases, source: 'queries/ (queryRegistry)'}
  } catch (error) {
    process.stderr.write(`bench: queries/index.ts not usable (${(error as Error).message}); using fallback queries\n`)
  }
  const cases = raw
    .filter(([, name]) => FALLBACK[name])
    .map(([label, name, params]) => ({name: label, query: FALLBACK[name], params: (i: number) => ({section: null, ...params(i)})}))
  return {cases, source: 'scripts/bench/benchCases.ts fallback'}
}
