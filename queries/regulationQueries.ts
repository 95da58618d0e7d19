/**
 * Regulation page and the cross-regulation timeline. Dates live in separate fields and in the
 * `amendments` array; both queries turn them into one list of dated events so a front end renders
 * a timeline without knowing the model.
 */
import {defineQuery} from 'groq'

import {ARTICLE_CARD_FIELDS, REGULATION_LINK_FIELDS} from './fragments'
import type {ParamsOf} from './paramSpec'

/**
 * A regulation's dated events, oldest first; dates that are not set are left out. `kind` is a
 * literal so TypeGen types it as a union a front end can switch over. Arrays are joined with `+`
 * rather than spread (`[...amendments[]]`): TypeGen drops spread members from the result type.
 * `coalesce(…, [])` because `array + null` is `null` in GROQ.
 */
export const REGULATION_EVENTS = `([
    {"kind": "adopted", "date": adoptedAt, "summary": null, "amendmentKey": null},
    {"kind": "promulgated", "date": promulgatedAt, "summary": null, "amendmentKey": null},
    {"kind": "effective", "date": effectiveAt, "summary": null, "amendmentKey": null}
  ]
  + coalesce(amendments[]{"kind": "amendmentAdopted", "date": adoptedAt, summary, "amendmentKey": _key}, [])
  + coalesce(amendments[]{"kind": "amendmentEffective", "date": effectiveAt, summary, "amendmentKey": _key}, [])
  )[defined(date)] | order(date asc)`

export const REGULATION_BY_SLUG_QUERY = defineQuery(`*[_type == "regulation" && slug.current == $slug][0]{
  _id, _type, _updatedAt, title, titleZh, abbreviation, "slug": slug.current, instrumentType, jurisdiction,
  passedBy, enforcingBodies, adoptedAt, promulgatedAt, effectiveAt, status, officialTextUrl, summary,
  amendments[]{_key, adoptedAt, effectiveAt, summary},
  translations[]{_key, publisher, url, language},
  "timeline": ${REGULATION_EVENTS},
  "relatedRegulations": relatedRegulations[]->{${REGULATION_LINK_FIELDS}, status, effectiveAt},
  "referencedBy": *[_type == "regulation" && references(^._id)] | order(title asc) [0...50]{${REGULATION_LINK_FIELDS}},
  "articles": *[_type == "article" && references(^._id) && defined(publishedAt)]
    | order(publishedAt desc, _id desc) [0...20]{${ARTICLE_CARD_FIELDS}}
}`)

export const regulationBySlugParams = {
  slug: {kind: 'string', required: true, maxLength: 200, description: 'the regulation slug', example: 'personal-information-protection-law'},
} as const
export type RegulationBySlugParams = ParamsOf<typeof regulationBySlugParams>

/**
 * Every regulation with its events, ordered by the first date it has. Bounded: a newsroom tracks
 * hundreds of instruments, not tens of thousands.
 */
export const REGULATION_TIMELINE_QUERY = defineQuery(`*[_type == "regulation"]
  | order(coalesce(adoptedAt, promulgatedAt, effectiveAt) asc, _id asc) [0...500]{
  ${REGULATION_LINK_FIELDS}, titleZh, instrumentType, status, jurisdiction,
  "events": ${REGULATION_EVENTS}
}`)

export const regulationTimelineParams = {} as const
export type RegulationTimelineParams = ParamsOf<typeof regulationTimelineParams>
