/**
 * schema.org `NewsArticle` JSON-LD from the article page query's result, for the `<script
 * type="application/ld+json">` search engines read. Works on the result as fetched: no extra
 * requests, and fields the editor left empty are simply absent from the output.
 */
import {metaDescription} from './portableTextToPlainText'

type Maybe<T> = T | null | undefined
type Link = {_id: string; slug: Maybe<string>}

/** The parts of `ArticleBySlugQueryResult` the JSON-LD uses (a type test keeps the two in step). */
export interface JsonLdArticle {
  title: Maybe<string>
  slug: Maybe<string>
  dek?: Maybe<string>
  publishedAt: Maybe<string>
  updatedAt?: Maybe<string>
  tags?: Maybe<readonly string[]>
  industries?: Maybe<readonly string[]>
  section?: Maybe<Link & {title: Maybe<string>}>
  authors?: Maybe<ReadonlyArray<Link & {name: Maybe<string>}>>
  heroImage?: Maybe<{alt?: Maybe<string>; caption?: Maybe<string>; asset?: Maybe<{url: Maybe<string>; width?: Maybe<number>; height?: Maybe<number>}>}>
  body?: Maybe<ReadonlyArray<{_type: string}>>
  seo?: Maybe<{description?: Maybe<string>; canonicalUrl?: Maybe<string>}>
  mentions?: Maybe<{
    companies: ReadonlyArray<Link & {name: Maybe<string>; nameZh?: Maybe<string>}>
    regulations: ReadonlyArray<Link & {title: Maybe<string>; abbreviation?: Maybe<string>}>
    sources: ReadonlyArray<Link & {name: Maybe<string>; jobTitle?: Maybe<string>}>
  }>
}

/** Where each document type lives on the site, as a path for a slug. */
export type RoutePaths = Record<'article' | 'author' | 'section' | 'company' | 'regulation' | 'interviewSource', (slug: string) => string>

export const DEFAULT_ROUTE_PATHS: RoutePaths = {
  article: (slug) => `/articles/${slug}`,
  author: (slug) => `/authors/${slug}`,
  section: (slug) => `/sections/${slug}`,
  company: (slug) => `/companies/${slug}`,
  regulation: (slug) => `/regulations/${slug}`,
  interviewSource: (slug) => `/sources/${slug}`,
}

export interface ArticleJsonLdOptions {
  /** The site's origin, e.g. `https://chinadesk.example`; paths are resolved against it. */
  siteUrl: string
  routes?: Partial<RoutePaths>
  publisher?: {name: string; logoUrl?: string; url?: string}
  /** BCP 47 language of the article, e.g. `en`. */
  inLanguage?: string
}

export type JsonLdNode = {'@type': string; [key: string]: unknown}
export type NewsArticleJsonLd = JsonLdNode & {'@context': 'https://schema.org'; '@type': 'NewsArticle'; headline: string}

/** A `NewsArticle` object; empty values are omitted rather than emitted as `null`. */
export function articleJsonLd(article: JsonLdArticle, options: ArticleJsonLdOptions): NewsArticleJsonLd {
  if (!article.title) throw new Error('articleJsonLd: the article has no title, and `headline` is required by schema.org')
  const routes = {...DEFAULT_ROUTE_PATHS, ...options.routes}
  const site = new URL(options.siteUrl)
  const urlOf = (route: keyof RoutePaths, slug: Maybe<string>) => (slug ? new URL(routes[route](slug), site).href : undefined)
  const url = article.seo?.canonicalUrl || urlOf('article', article.slug)
  const asset = article.heroImage?.asset
  const description = metaDescription(article)
  const about = [
    article.section?.title ? {'@type': 'Thing', name: article.section.title, url: urlOf('section', article.section.slug)} : undefined,
    ...(article.industries ?? []).map((industry) => ({'@type': 'Thing', name: industry})),
  ]
  const mentions = [
    ...(article.mentions?.companies ?? []).map((company) => ({
      '@type': 'Organization', name: company.name, alternateName: company.nameZh, url: urlOf('company', company.slug),
    })),
    ...(article.mentions?.regulations ?? []).map((regulation) => ({
      '@type': 'Legislation', name: regulation.title, alternateName: regulation.abbreviation, url: urlOf('regulation', regulation.slug),
    })),
    ...(article.mentions?.sources ?? []).map((source) => ({
      '@type': 'Person', name: source.name, jobTitle: source.jobTitle, url: urlOf('interviewSource', source.slug),
    })),
  ]
  const publisher = options.publisher && {
    '@type': 'NewsMediaOrganization',
    name: options.publisher.name,
    url: options.publisher.url,
    logo: options.publisher.logoUrl ? {'@type': 'ImageObject', url: options.publisher.logoUrl} : undefined,
  }
  return compact({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: description || undefined,
    url,
    mainEntityOfPage: url ? {'@type': 'WebPage', '@id': url} : undefined,
    image: asset?.url ? [compact({'@type': 'ImageObject', url: asset.url, width: asset.width, height: asset.height, caption: article.heroImage?.alt})] : undefined,
    datePublished: article.publishedAt ?? undefined,
    // The editorial update date, not `_updatedAt`: a re-import or a typo fix is not news to readers.
    dateModified: article.updatedAt ?? article.publishedAt ?? undefined,
    author: (article.authors ?? []).filter((author) => author.name).map((author) => compact({'@type': 'Person', name: author.name, url: urlOf('author', author.slug)})),
    about: about.filter((node) => node !== undefined).map(compact),
    mentions: mentions.filter((node) => node.name).map(compact),
    keywords: article.tags?.length ? article.tags.join(', ') : undefined,
    inLanguage: options.inLanguage,
    publisher: publisher ? compact(publisher) : undefined,
  }) as NewsArticleJsonLd
}

/**
 * The JSON for a `<script type="application/ld+json">` element. `<` is escaped so a title
 * containing `</script>` cannot end the element early.
 */
export function serializeJsonLd(node: JsonLdNode): string {
  return JSON.stringify(node).replace(/</g, '\\u003c')
}

// Drops undefined, null and empty-array values, so consumers never see `"image": null`.
function compact<T extends Record<string, unknown>>(node: T): T {
  return Object.fromEntries(
    Object.entries(node).filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)),
  ) as T
}
