/**
 * The front-end helpers: NewsArticle JSON-LD from the article query's result, and Portable Text to
 * plain text with a word-boundary length limit for meta descriptions.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {
  ARTICLE_BY_SLUG_QUERY,
  articleJsonLd,
  metaDescription,
  portableTextToPlainText,
  runQuery,
  serializeJsonLd,
  truncateAtWordBoundary,
} from '../../queries'
import {BUNDLED_ARTICLE_SLUG, openQueryFixtureLake, type QueryFixture} from '../fixtures/queryFixtureLake'
import {mention, paragraph} from '../fixtures/portableTextBuilders'
import {HERO_ASSET_URL} from '../fixtures/syntheticEntities'

let fixture: QueryFixture
beforeAll(async () => {
  fixture = await openQueryFixtureLake()
})
afterAll(() => fixture?.close())

const SITE = 'https://chinadesk.example'

describe('articleJsonLd', () => {
  test('the imported article: headline, dates, author, about, mentions of every linked entity', async () => {
    const article = (await runQuery(fixture.lake, ARTICLE_BY_SLUG_QUERY, {slug: BUNDLED_ARTICLE_SLUG}))!
    const jsonLd = articleJsonLd(article, {siteUrl: SITE, publisher: {name: 'China Desk', logoUrl: `${SITE}/logo.png`}})
    expect(jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Microsoft claws back Chinese market, leveraging health and life science cloud services',
      url: `${SITE}/articles/${BUNDLED_ARTICLE_SLUG}`,
      mainEntityOfPage: {'@type': 'WebPage', '@id': `${SITE}/articles/${BUNDLED_ARTICLE_SLUG}`},
      datePublished: '2022-10-12T08:00:00Z',
      dateModified: '2022-10-12T08:00:00Z',
      author: [{'@type': 'Person', name: 'Dao Insights Staff', url: `${SITE}/authors/dao-insights-staff`}],
      keywords: 'Microsoft, cloud computing, data privacy, PIPL, unicorns',
      publisher: {'@type': 'NewsMediaOrganization', name: 'China Desk', logo: {'@type': 'ImageObject', url: `${SITE}/logo.png`}},
    })
    expect(jsonLd.about).toEqual([
      {'@type': 'Thing', name: 'Technology', url: `${SITE}/sections/technology`},
      {'@type': 'Thing', name: 'Cloud computing'},
      {'@type': 'Thing', name: 'Healthcare and life sciences'},
      {'@type': 'Thing', name: 'Enterprise software'},
    ])
    const mentions = jsonLd.mentions as Array<Record<string, unknown>>
    expect(mentions.filter((node) => node['@type'] === 'Organization').map((node) => node.name)).toEqual(article.mentions.companies.map((company) => company.name))
    expect(mentions).toContainEqual({'@type': 'Organization', name: 'Huawei', alternateName: '华为', url: `${SITE}/companies/huawei`})
    expect(mentions).toContainEqual({'@type': 'Legislation', name: 'Personal Information Protection Law', alternateName: 'PIPL', url: `${SITE}/regulations/personal-information-protection-law`})
    expect(mentions).toContainEqual({'@type': 'Person', name: 'Peter Navarro', jobTitle: 'White House trade adviser', url: `${SITE}/sources/peter-navarro`})
    expect(mentions).toHaveLength(9 + 2 + 2)
    // No dek or SEO description: the description is the body's opening, cut at a word.
    expect(jsonLd.description).toMatch(/^Microsoft has revealed a series of new business-facing cloud services in China .*\S…$/)
    expect((jsonLd.description as string).length).toBeLessThanOrEqual(160)
    expect(jsonLd).not.toHaveProperty('image')
  })

  test('image, editorial dateModified, canonical URL and custom routes', async () => {
    const article = (await runQuery(fixture.lake, ARTICLE_BY_SLUG_QUERY, {slug: 'chip-unicorns-q1-2023'}))!
    const jsonLd = articleJsonLd(article, {siteUrl: `${SITE}/`, routes: {article: (slug) => `/news/${slug}`}, inLanguage: 'en'})
    expect(jsonLd.image).toEqual([{'@type': 'ImageObject', url: HERO_ASSET_URL, width: 1200, height: 630, caption: 'A GPU wafer under lights'}])
    expect(jsonLd.dateModified).toBe('2023-04-22T10:00:00Z')
    expect(jsonLd.url).toBe(`${SITE}/news/chip-unicorns-q1-2023`)
    expect(jsonLd.description).toBe('Chip designers lead the first new-unicorn list of 2023.')
    expect(jsonLd.inLanguage).toBe('en')
    expect(jsonLd).not.toHaveProperty('publisher')
    const canonical = articleJsonLd({...article, seo: {...article.seo!, canonicalUrl: 'https://partner.example/a'}}, {siteUrl: SITE})
    expect(canonical.url).toBe('https://partner.example/a')
  })

  test('serialised for a script element, a closing tag in a title cannot end it', () => {
    const jsonLd = articleJsonLd({title: 'A </script><script>alert(1)</script>', slug: 'x', publishedAt: '2024-01-01T00:00:00Z'}, {siteUrl: SITE})
    const json = serializeJsonLd(jsonLd)
    expect(json).not.toContain('</script>')
    expect(JSON.parse(json).headline).toBe('A </script><script>alert(1)</script>')
    expect(() => articleJsonLd({title: null, slug: 'x', publishedAt: null}, {siteUrl: SITE})).toThrow('articleJsonLd: the article has no title')
  })
})

describe('portableTextToPlainText and meta descriptions', () => {
  const body = [
    paragraph('p1', ['Tencent', mention('m1', 'companyMention', 'company', 'company.tencent')], ' cut prices.'),
    {_key: 'q', _type: 'quotation', text: 'Margins will suffer.'},
    {_key: 'img', _type: 'imageWithAlt', alt: 'not text'},
    paragraph('p2', 'A second  paragraph.'),
  ]

  test('blocks joined by blank lines; quotations quoted; other members dropped', () => {
    expect(portableTextToPlainText(body)).toBe('Tencent cut prices.\n\n“Margins will suffer.”\n\nA second  paragraph.')
    expect(portableTextToPlainText(body, {includeQuotations: false})).toBe('Tencent cut prices.\n\nA second  paragraph.')
    expect(portableTextToPlainText(null)).toBe('')
  })

  test('truncation cuts at a word boundary, or after Chinese punctuation, and never exceeds the limit', () => {
    expect(truncateAtWordBoundary('Short enough.', 160)).toBe('Short enough.')
    expect(truncateAtWordBoundary('The quick brown fox jumps over the lazy dog', 20)).toBe('The quick brown fox…')
    expect(truncateAtWordBoundary('Line one\n\nline two and more words', 16)).toBe('Line one line…')
    expect(truncateAtWordBoundary('Prices, margins, and more', 18)).toBe('Prices, margins…')
    const chinese = '微软在中国推出新的云服务，首先面向健康和生命科学行业。新服务基于Dynamics 365平台。'
    const cut = truncateAtWordBoundary(chinese, 20)
    expect(cut).toBe('微软在中国推出新的云服务…')
    expect(Array.from(truncateAtWordBoundary('一二三四五六七八九十一二三四五六七八九十', 10))).toHaveLength(10)
    expect(Array.from(truncateAtWordBoundary('😀'.repeat(30), 10))).toHaveLength(10)
    expect(() => truncateAtWordBoundary('x', 0)).toThrow('maxLength must be a positive integer')
  })

  test('meta description prefers the SEO description, then the dek, then the body', () => {
    expect(metaDescription({seo: {description: 'From SEO.'}, dek: 'From the dek.', body})).toBe('From SEO.')
    expect(metaDescription({seo: {description: '  '}, dek: 'From the dek.', body})).toBe('From the dek.')
    expect(metaDescription({dek: null, body}, 25)).toBe('Tencent cut prices. A…')
  })
})
