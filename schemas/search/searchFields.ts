/**
 * The stored search fields of `article` and `company`: machine-written tokens (see
 * `searchTextFor.ts`) that GROQ `match` can tokenise, filled on publish, by the importer and by the
 * `fill-search-text` migration. Hidden and read-only: editors never see or type them, and a
 * hand edit would be overwritten at the next publish anyway.
 */
import {defineField} from 'sanity'

export const SEARCH_TEXT_FIELD = 'searchText'
export const SEARCH_TITLE_FIELD = 'searchTitle'

export const searchFields = [
  defineField({
    name: SEARCH_TEXT_FIELD,
    title: 'Search text',
    type: 'text',
    description: 'Written on publish from the title, dek, body and company names, so Chinese and pinyin are searchable.',
    hidden: true,
    readOnly: true,
  }),
  defineField({
    name: SEARCH_TITLE_FIELD,
    title: 'Search title',
    type: 'text',
    description: 'Written on publish from the title (or the company’s names), so title hits rank first.',
    hidden: true,
    readOnly: true,
  }),
]
