/**
 * A published story. The fields editors touch daily sit in the default "Story" group; taxonomy,
 * SEO and import provenance sit behind their own tabs so the writing view stays short.
 */
import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'

import {searchFields} from '../search/searchFields'
import {defineSlugField} from '../slug/defineSlugField'
import {notBefore} from '../validation/dateOrder'

export const TITLE_WARNING_LENGTH = 110

/** Free labels editors type as chips (tags, regions, industries): strings, each at most once. */
function labelListField(name: string, title: string) {
  return defineField({
    name,
    title,
    type: 'array',
    group: 'relations',
    of: [defineArrayMember({type: 'string'})],
    options: {layout: 'tags'},
    validation: (rule) => rule.unique(),
  })
}

export const articleType = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  icon: DocumentTextIcon,
  groups: [
    {name: 'story', title: 'Story', default: true},
    {name: 'relations', title: 'Taxonomy & relations'},
    {name: 'seo', title: 'SEO'},
    {name: 'provenance', title: 'Provenance'},
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: 'story',
      validation: (rule) => [
        rule.required(),
        rule
          .max(TITLE_WARNING_LENGTH)
          .warning(`Titles past ${TITLE_WARNING_LENGTH} characters get cut off in lists and social cards`),
      ],
    }),
    defineSlugField('title', 'story'),
    defineField({
      name: 'dek',
      title: 'Dek',
      type: 'text',
      rows: 2,
      group: 'story',
      description: 'The standfirst under the headline.',
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published',
      type: 'datetime',
      group: 'story',
      description:
        'Filled in with the publish time when the article is first published and this is empty. Set it by hand to schedule or backdate; a date set here is kept.',
      // Drafts may leave it empty: the Publish action fills it in (schemas/actions/withPublishedAt.ts).
      validation: (rule) =>
        rule.custom((value, context) =>
          value || String(context.document?._id ?? '').startsWith('drafts.') ? true : 'A published article needs a published date',
        ),
    }),
    defineField({
      name: 'updatedAt',
      title: 'Updated',
      type: 'datetime',
      group: 'story',
      description: 'Set when a published story is materially changed.',
      validation: (rule) => rule.custom(notBefore('publishedAt', 'the published date')),
    }),
    defineField({
      name: 'authors',
      title: 'Authors',
      type: 'array',
      group: 'story',
      of: [defineArrayMember({type: 'reference', to: [{type: 'author'}]})],
      validation: (rule) => rule.required().min(1).unique(),
    }),
    defineField({
      name: 'section',
      title: 'Section',
      type: 'reference',
      to: [{type: 'section'}],
      group: ['story', 'relations'],
    }),
    defineField({name: 'heroImage', title: 'Hero image', type: 'imageWithAlt', group: 'story'}),
    defineField({name: 'body', title: 'Body', type: 'articleBody', group: 'story'}),
    defineField({
      name: 'newsletterCta',
      title: 'Show newsletter sign-up',
      type: 'boolean',
      group: 'story',
      initialValue: false,
    }),
    labelListField('tags', 'Tags'),
    labelListField('regions', 'Regions / markets'),
    labelListField('industries', 'Industries'),
    defineField({
      name: 'relatedCompanies',
      title: 'Related companies',
      type: 'array',
      group: 'relations',
      of: [defineArrayMember({type: 'reference', to: [{type: 'company'}]})],
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'relatedRegulations',
      title: 'Related regulations',
      type: 'array',
      group: 'relations',
      of: [defineArrayMember({type: 'reference', to: [{type: 'regulation'}]})],
      validation: (rule) => rule.unique(),
    }),
    defineField({name: 'seo', title: 'SEO', type: 'seo', group: 'seo'}),
    defineField({
      name: 'legacy',
      title: 'Legacy provenance',
      type: 'legacyProvenance',
      group: 'provenance',
      readOnly: true,
    }),
    ...searchFields,
  ],
  orderings: [
    {title: 'Published, newest first', name: 'publishedAtDesc', by: [{field: 'publishedAt', direction: 'desc'}]},
    {title: 'Published, oldest first', name: 'publishedAtAsc', by: [{field: 'publishedAt', direction: 'asc'}]},
    {title: 'Title A–Z', name: 'titleAsc', by: [{field: 'title', direction: 'asc'}]},
  ],
  preview: {
    select: {title: 'title', section: 'section.title', publishedAt: 'publishedAt', media: 'heroImage'},
    prepare: ({title, section, publishedAt, media}) => ({
      title: title || 'Untitled article',
      subtitle: [section, publishedAt ? String(publishedAt).slice(0, 10) : 'unscheduled'].filter(Boolean).join(' · '),
      media,
    }),
  },
})
