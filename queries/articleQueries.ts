/**
 * Article page and article lists. The page query returns everything the page renders in one
 * request: body annotations and quotation speakers resolved, embedded unicorn lists expanded, and
 * `mentions` (every company, regulation and source the body links to) for the JSON-LD helper.
 */
import {defineQuery} from 'groq'

import {
  ARTICLE_CARD_FIELDS,
  AUTHOR_LINK_FIELDS,
  COMPANY_LINK_FIELDS,
  IMAGE_FIELDS,
  INTERVIEW_FIELDS,
  REGULATION_LINK_FIELDS,
  SECTION_LINK_FIELDS,
  SOURCE_LINK_FIELDS,
  UNICORN_LIST_LINK_FIELDS,
} from './fragments'
import type {ParamsOf} from './paramSpec'

/**
 * The Portable Text body with every reference a reader can follow resolved in place. The
 * speaker's interview is picked by `interviewKey` (`^` is the mark or quotation being projected).
 */
export const ARTICLE_BODY_FIELDS = `...,
  _type == "block" => {
    "markDefs": markDefs[]{
      ...,
      _type == "companyMention" => {"company": company->{${COMPANY_LINK_FIELDS}}},
      _type == "regulationMention" => {"regulation": regulation->{${REGULATION_LINK_FIELDS}}},
      _type == "sourceMention" => {"source": source->{${SOURCE_LINK_FIELDS}}},
      _type == "quoteAttribution" => {
        "speaker": speaker->{${SOURCE_LINK_FIELDS}},
        "interview": speaker->interviews[_key == ^.interviewKey][0]{${INTERVIEW_FIELDS}}
      }
    }
  },
  _type == "imageWithAlt" => {${IMAGE_FIELDS}},
  _type == "quotation" => {
    "speaker": speaker->{${SOURCE_LINK_FIELDS}},
    "interview": speaker->interviews[_key == ^.interviewKey][0]{${INTERVIEW_FIELDS}}
  },
  _type == "unicornListEmbed" => {
    "list": list->{
      ${UNICORN_LIST_LINK_FIELDS}, scope, totalCount, sectorBreakdown,
      "tracker": tracker->{${COMPANY_LINK_FIELDS}},
      "entryCount": count(entries),
      "topEntries": entries[] | order(rank asc) [0...20]{_key, rank, sector, valuation, "company": company->{${COMPANY_LINK_FIELDS}}}
    }
  }` as const

/**
 * The article page, by slug. `null` when no article has that slug in the perspective asked for.
 * `mentions` filters are one `_id in <ids>` each (sources join their three kinds of link with `+`,
 * not `||`), so a store can look the ids up instead of testing every document of the type.
 */
export const ARTICLE_BY_SLUG_QUERY = defineQuery(`*[_type == "article" && slug.current == $slug][0]{
  _id, _type, _updatedAt, title, "slug": slug.current, dek, publishedAt, updatedAt,
  tags, regions, industries, newsletterCta,
  "section": section->{${SECTION_LINK_FIELDS}},
  "authors": authors[]->{${AUTHOR_LINK_FIELDS}, bio, "avatar": avatar{${IMAGE_FIELDS}}},
  "heroImage": heroImage{${IMAGE_FIELDS}},
  "body": body[]{${ARTICLE_BODY_FIELDS}},
  "relatedCompanies": relatedCompanies[]->{${COMPANY_LINK_FIELDS}},
  "relatedRegulations": relatedRegulations[]->{${REGULATION_LINK_FIELDS}},
  "seo": seo{title, description, canonicalUrl, noIndex},
  "legacySourceUrl": legacy.sourceUrl,
  "mentions": {
    "companies": *[_type == "company" && _id in ^.body[].markDefs[_type == "companyMention"].company._ref]
      | order(name asc) [0...100]{${COMPANY_LINK_FIELDS}},
    "regulations": *[_type == "regulation" && _id in ^.body[].markDefs[_type == "regulationMention"].regulation._ref]
      | order(title asc) [0...100]{${REGULATION_LINK_FIELDS}},
    "sources": *[_type == "interviewSource" && _id in (
        ^.body[].markDefs[_type == "sourceMention"].source._ref
        + ^.body[].markDefs[_type == "quoteAttribution"].speaker._ref
        + ^.body[_type == "quotation"].speaker._ref
      )] | order(name asc) [0...100]{${SOURCE_LINK_FIELDS}}
  }
}`)

export const articleBySlugParams = {
  slug: {kind: 'string', required: true, maxLength: 200, description: 'the article slug', example: 'microsoft-claws-back-chinese-market'},
} as const
export type ArticleBySlugParams = ParamsOf<typeof articleBySlugParams>

/** Largest page `articleList` serves: bounds the work of one request whatever `$limit` says. */
export const ARTICLE_LIST_MAX_LIMIT = 100

/**
 * Articles newest first, one page at a time. The cursor is the last row's (`publishedAt`, `_id`):
 * rows strictly after it in that order, so ties on `publishedAt` are neither skipped nor repeated
 * and a newly published article never shifts later pages. Optional filters are ids, so the filter
 * never dereferences. `$limit` is a slice bound: the runner passes parameters to the GROQ parser.
 */
export const ARTICLE_LIST_QUERY = defineQuery(`*[_type == "article" && defined(publishedAt)
  && (!defined($section) || section._ref == $section)
  && (!defined($tag) || $tag in tags)
  && (!defined($company) || references($company))
  && (!defined($regulation) || references($regulation))
  && (!defined($lastPublishedAt) || publishedAt < $lastPublishedAt || (publishedAt == $lastPublishedAt && _id < $lastId))
] | order(publishedAt desc, _id desc) [0...$limit]{${ARTICLE_CARD_FIELDS}}`)

export const articleListParams = {
  limit: {kind: 'integer', required: false, default: 20, min: 1, max: ARTICLE_LIST_MAX_LIMIT, description: 'page size'},
  section: {kind: 'documentId', required: false, description: 'only articles in this section (id)', example: 'section.technology'},
  tag: {kind: 'string', required: false, maxLength: 100, description: 'only articles with this tag', example: 'PIPL'},
  company: {kind: 'documentId', required: false, description: 'only articles referencing this company (id)', example: 'company.microsoft'},
  regulation: {kind: 'documentId', required: false, description: 'only articles referencing this regulation (id)', example: 'regulation.personal-information-protection-law'},
  lastPublishedAt: {kind: 'datetime', required: false, with: ['lastId'], description: 'cursor: publishedAt of the previous page’s last row', example: '2022-10-12T08:00:00Z'},
  lastId: {kind: 'documentId', required: false, with: ['lastPublishedAt'], description: 'cursor: _id of the previous page’s last row', example: 'article.microsoft-claws-back-chinese-market'},
} as const
/** Both halves of the cursor or neither: half a cursor would restart the list or skip a tie. */
export type ArticleListCursor = {lastPublishedAt?: null; lastId?: null} | {lastPublishedAt: string; lastId: string}
export type ArticleListParams = ParamsOf<Omit<typeof articleListParams, 'lastPublishedAt' | 'lastId'>> & ArticleListCursor

/** The cursor parameters for the page after `lastRow` (the last row of the current page). */
export function nextArticleListCursor(lastRow: {_id: string; publishedAt: string | null}): {
  lastPublishedAt: string
  lastId: string
} {
  if (!lastRow.publishedAt) throw new Error(`articleList: row ${lastRow._id} has no publishedAt, so it cannot be a cursor`)
  return {lastPublishedAt: lastRow.publishedAt, lastId: lastRow._id}
}
