/**
 * Company page: the profile, its place in a corporate group (parent and subsidiaries), the unicorn
 * profile the unicornStats plugin adds, and the newest articles that reference the company.
 */
import {defineQuery} from 'groq'

import {ARTICLE_CARD_FIELDS, COMPANY_LINK_FIELDS, IMAGE_FIELDS} from './fragments'
import type {ParamsOf} from './paramSpec'

/**
 * Subsidiaries are found from the child side (`parent._ref == ^._id`): the model stores only the
 * parent link, so a group never has two lists to keep in step.
 */
export const COMPANY_BY_SLUG_QUERY = defineQuery(`*[_type == "company" && slug.current == $slug][0]{
  _id, _type, _updatedAt, name, nameZh, "slug": slug.current, aliases, kind,
  headquarters{country, city}, sectors, website, listings[]{_key, exchange, ticker}, description,
  "logo": logo{${IMAGE_FIELDS}},
  "parent": parent->{${COMPANY_LINK_FIELDS}},
  "subsidiaries": *[_type == "company" && parent._ref == ^._id] | order(name asc) [0...100]{${COMPANY_LINK_FIELDS}},
  "unicorn": unicorn{
    status, becameUnicornAt, latestValuation, valuationHistory, totalFunding, exit,
    "investors": investors[]{_key, name, "company": company->{${COMPANY_LINK_FIELDS}}}
  },
  "latestArticles": *[_type == "article" && references(^._id) && defined(publishedAt)]
    | order(publishedAt desc, _id desc) [0...10]{${ARTICLE_CARD_FIELDS}}
}`)

export const companyBySlugParams = {
  slug: {kind: 'string', required: true, maxLength: 200, description: 'the company slug', example: 'microsoft'},
} as const
export type CompanyBySlugParams = ParamsOf<typeof companyBySlugParams>
