/**
 * The slug field every document uses: generated from its title or name with the Chinese-aware
 * `slugifyTitle`, required, unique per document type (Sanity's default `isUnique`, which asks the
 * dataset through the validation client) and limited to the characters a URL path keeps as typed.
 */
import {defineField} from 'sanity'

import {SLUG_MAX_LENGTH, slugifyTitle} from './slugifyTitle'

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const SLUG_PATTERN_MESSAGE =
  'Use lowercase letters, digits and single hyphens only (press "Generate" to derive it from the title)'

/** @param source - the field the slug is generated from, e.g. 'title' or 'name' */
export function defineSlugField(source: string, group?: string) {
  return defineField({
    name: 'slug',
    title: 'Slug',
    type: 'slug',
    group,
    description: 'The last part of the public URL. Chinese titles are spelled out in pinyin.',
    options: {source, maxLength: SLUG_MAX_LENGTH, slugify: slugifyTitle},
    validation: (rule) =>
      rule.required().custom((slug) => {
        const current = slug?.current
        if (!current) return true // "required" and Sanity's own slug check report empty slugs
        return SLUG_PATTERN.test(current) ? true : SLUG_PATTERN_MESSAGE
      }),
  })
}
