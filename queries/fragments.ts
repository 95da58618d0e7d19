/**
 * Projection fragments shared by several queries. Each is a plain string constant so that
 * `sanity typegen` can inline it (it resolves identifiers and imports inside `defineQuery`
 * template literals) and TypeScript keeps the exact literal type, which is what keys the
 * generated `SanityQueries` map. Fragments that embed other fragments end in `as const` for the
 * same reason: without it TypeScript widens a template literal with substitutions to `string`.
 *
 * Only projections live here, never filters: a fragment must not change which documents match.
 */

/** A link to a company: enough to render its name and build its URL. */
export const COMPANY_LINK_FIELDS = `_id, name, nameZh, "slug": slug.current`

/** A link to a regulation. */
export const REGULATION_LINK_FIELDS = `_id, title, abbreviation, "slug": slug.current`

/** A link to an interview source (a person quoted by the desk). */
export const SOURCE_LINK_FIELDS = `_id, name, "slug": slug.current, jobTitle`

/** A link to an author. */
export const AUTHOR_LINK_FIELDS = `_id, name, "slug": slug.current, role`

/** A link to a section. */
export const SECTION_LINK_FIELDS = `_id, title, "slug": slug.current`

/** A link to a unicorn list. */
export const UNICORN_LIST_LINK_FIELDS = `_id, title, "slug": slug.current, period, cutoffDate, publishedAt`

/**
 * An `imageWithAlt` value with its asset resolved to a URL and dimensions, so front ends and the
 * JSON-LD helper never need a second request for the asset document.
 */
export const IMAGE_FIELDS = `alt, caption, credit, hotspot, crop, "asset": asset->{_id, url, "width": metadata.dimensions.width, "height": metadata.dimensions.height, "lqip": metadata.lqip}`

/** An article in a list (home page, section page, "latest on this company"). */
export const ARTICLE_CARD_FIELDS = `_id, title, "slug": slug.current, dek, publishedAt, updatedAt, tags,
  "section": section->{${SECTION_LINK_FIELDS}},
  "authors": authors[]->{${AUTHOR_LINK_FIELDS}},
  "heroImage": heroImage{${IMAGE_FIELDS}}` as const

/** One interview of a source, as cited next to a quotation. */
export const INTERVIEW_FIELDS = `_key, kind, outlet, date, url, attribution`
