/** Search and social overrides for an article; empty fields fall back to the article's own. */
import {defineField, defineType} from 'sanity'

import {webUrl} from '../validation/webUrl'

export const seoType = defineType({
  name: 'seo',
  title: 'SEO',
  type: 'object',
  options: {collapsible: true, collapsed: true},
  fields: [
    defineField({
      name: 'title',
      title: 'Search title',
      type: 'string',
      validation: (rule) => rule.max(70).warning('Search engines cut titles past about 70 characters'),
    }),
    defineField({
      name: 'description',
      title: 'Search description',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.max(160).warning('Search engines cut descriptions past about 160 characters'),
    }),
    defineField({
      name: 'canonicalUrl',
      title: 'Canonical URL',
      type: 'url',
      description: 'Only when the story first ran elsewhere.',
      validation: (rule) => webUrl(rule),
    }),
    defineField({
      name: 'noIndex',
      title: 'Hide from search engines',
      type: 'boolean',
      initialValue: false,
    }),
  ],
})
