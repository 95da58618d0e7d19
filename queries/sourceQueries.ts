/**
 * Source page: the person, their interviews, and every quotation of theirs across articles, both
 * forms the body has: `quotation` blocks and `quoteAttribution` marks on quoted words in a
 * paragraph, with the interview key the editor named. `quotedIn` holds only articles that quote
 * the person; `mentionedIn` every article that links to them at all.
 */
import {defineQuery} from 'groq'

import {ARTICLE_CARD_FIELDS, COMPANY_LINK_FIELDS, IMAGE_FIELDS, INTERVIEW_FIELDS} from './fragments'
import type {ParamsOf} from './paramSpec'

/**
 * Scopes inside `quotedIn`: `^` is the article, `^.^` the source; inside the marks filter one more
 * `^` (the block) comes between. `text` of an attributed passage joins exactly the spans carrying
 * the mark, so the page shows the quoted words rather than the whole paragraph.
 */
export const SOURCE_BY_SLUG_QUERY = defineQuery(`*[_type == "interviewSource" && slug.current == $slug][0]{
  _id, _type, _updatedAt, name, nameZh, "slug": slug.current, jobTitle, bio,
  "organisation": organisation{name, "company": company->{${COMPANY_LINK_FIELDS}}},
  "headshot": headshot{${IMAGE_FIELDS}},
  profileLinks[]{_key, label, url},
  interviews[]{${INTERVIEW_FIELDS}, anonymityReason},
  "quotedIn": *[_type == "article" && references(^._id) && defined(publishedAt) && (
      ^._id in body[_type == "quotation"].speaker._ref
      || ^._id in body[].markDefs[_type == "quoteAttribution"].speaker._ref
    )] | order(publishedAt desc, _id desc) [0...50]{
    _id, title, "slug": slug.current, publishedAt,
    "quotations": body[_type == "quotation" && speaker._ref == ^.^._id]{
      _key, text, speakerTitle, attribution, style, interviewKey
    },
    "attributedPassages": body[_type == "block" && ^.^._id in markDefs[_type == "quoteAttribution"].speaker._ref]{
      _key,
      "paragraph": pt::text(@),
      "quotes": markDefs[_type == "quoteAttribution" && speaker._ref == ^.^.^._id]{
        _key, interviewKey,
        "text": array::join(^.children[^._key in marks].text, "")
      }
    }
  },
  "mentionedIn": *[_type == "article" && references(^._id) && defined(publishedAt)]
    | order(publishedAt desc, _id desc) [0...20]{${ARTICLE_CARD_FIELDS}}
}`)

export const sourceBySlugParams = {
  slug: {kind: 'string', required: true, maxLength: 200, description: 'the source slug', example: 'peter-navarro'},
} as const
export type SourceBySlugParams = ParamsOf<typeof sourceBySlugParams>
