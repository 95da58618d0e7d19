/**
 * Bilingual search over articles and companies. The text searched is the stored `searchText` field
 * (title, dek, body, tags and the names of mentioned companies; a company's English and Chinese
 * names, pinyin and aliases), written as tokens GROQ `match` can split: see `searchTerms.ts`, which
 * also turns what a reader types into `$terms`. The same query string runs on the Content Lake and
 * on the local lake.
 */
import {defineQuery} from 'groq'

import {ARTICLE_CARD_FIELDS, COMPANY_LINK_FIELDS} from './fragments'
import type {ParamsOf} from './paramSpec'

/**
 * Published articles and companies whose search text holds every term, title hits first (a term
 * in the headline or a company's name scores 3 more), then newest, twenty rows. `_type` tells a
 * front end which card to render.
 */
export const SEARCH_QUERY = defineQuery(`*[_type in ["article", "company"] && searchText match $terms
  && (_type == "company" || defined(publishedAt))]
  | score(boost(searchTitle match $terms, 3), searchText match $terms)
  | order(_score desc, publishedAt desc, _id asc) [0...20]{
  _type,
  _type == "article" => {${ARTICLE_CARD_FIELDS}},
  _type == "company" => {${COMPANY_LINK_FIELDS}, description}
}`)

export const searchParams = {
  terms: {
    kind: 'string',
    required: true,
    // bigrams roughly triple a Chinese query's length: 100 typed characters stay under this
    maxLength: 400,
    description: 'search terms as `searchTerms(input)` returns them: lowercased words, Chinese as character pairs',
    example: '字节 节跳 跳动',
  },
} as const
export type SearchParams = ParamsOf<typeof searchParams>
