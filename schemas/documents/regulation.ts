/**
 * A Chinese law, regulation, rule or standard (PIPL, the Data Security Law, the generative AI
 * measures): both titles, who passed and enforces it, its dates and amendments, and where to read
 * the official text and translations.
 */
import {BookIcon} from '@sanity/icons/Book'
import {defineArrayMember, defineField, defineType, getPublishedId} from 'sanity'

import {defineSlugField} from '../slug/defineSlugField'
import {notBefore} from '../validation/dateOrder'
import {webUrl} from '../validation/webUrl'
import {INSTRUMENT_TYPES, REGULATION_STATUSES} from './regulationVocabulary'

export const regulationType = defineType({
  name: 'regulation',
  title: 'Regulation',
  type: 'document',
  icon: BookIcon,
  groups: [
    {name: 'identity', title: 'Identity', default: true},
    {name: 'timeline', title: 'Dates & amendments'},
    {name: 'sources', title: 'Texts & relations'},
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'English title',
      type: 'string',
      group: 'identity',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'titleZh',
      title: 'Chinese title',
      type: 'string',
      group: 'identity',
      description: 'e.g. 中华人民共和国个人信息保护法',
    }),
    defineField({
      name: 'abbreviation',
      title: 'Abbreviation',
      type: 'string',
      group: 'identity',
      description: 'e.g. PIPL',
    }),
    defineSlugField('title', 'identity'),
    defineField({
      name: 'instrumentType',
      title: 'Instrument type',
      type: 'string',
      group: 'identity',
      options: {list: INSTRUMENT_TYPES, layout: 'dropdown'},
    }),
    defineField({
      name: 'jurisdiction',
      title: 'Jurisdiction',
      type: 'string',
      group: 'identity',
      initialValue: 'Mainland China',
    }),
    defineField({
      name: 'passedBy',
      title: 'Passed by',
      type: 'string',
      group: 'identity',
      description: 'e.g. NPC Standing Committee',
    }),
    defineField({
      name: 'enforcingBodies',
      title: 'Enforcing bodies',
      type: 'array',
      group: 'identity',
      description: 'e.g. CAC, MIIT',
      of: [defineArrayMember({type: 'string'})],
      options: {layout: 'tags'},
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'status',
      title: 'Status',
      type: 'string',
      group: 'identity',
      options: {list: REGULATION_STATUSES, layout: 'radio', direction: 'horizontal'},
    }),
    defineField({name: 'summary', title: 'Summary', type: 'text', rows: 4, group: 'identity'}),
    defineField({name: 'adoptedAt', title: 'Adopted', type: 'date', group: 'timeline'}),
    // Adopted ≤ Promulgated ≤ Effective: each date is checked against the ones before it.
    defineField({
      name: 'promulgatedAt',
      title: 'Promulgated',
      type: 'date',
      group: 'timeline',
      validation: (rule) => rule.custom(notBefore('adoptedAt', 'the adopted date')),
    }),
    defineField({
      name: 'effectiveAt',
      title: 'Effective',
      type: 'date',
      group: 'timeline',
      validation: (rule) => [
        rule.custom(notBefore('adoptedAt', 'the adopted date')),
        rule.custom(notBefore('promulgatedAt', 'the promulgated date')),
      ],
    }),
    defineField({
      name: 'amendments',
      title: 'Amendments',
      type: 'array',
      group: 'timeline',
      of: [defineArrayMember({type: 'amendment'})],
    }),
    defineField({
      name: 'officialTextUrl',
      title: 'Official text',
      type: 'url',
      group: 'sources',
      validation: (rule) => webUrl(rule),
    }),
    defineField({
      name: 'translations',
      title: 'Translations',
      type: 'array',
      group: 'sources',
      of: [defineArrayMember({type: 'translation'})],
    }),
    defineField({
      name: 'relatedRegulations',
      title: 'Related regulations',
      type: 'array',
      group: 'sources',
      of: [
        defineArrayMember({
          type: 'reference',
          to: [{type: 'regulation'}],
          options: {
            filter: ({document}) => ({filter: '_id != $id', params: {id: getPublishedId(document._id)}}),
          },
        }),
      ],
      validation: (rule) => rule.unique(),
    }),
  ],
  orderings: [
    {title: 'Effective, newest first', name: 'effectiveAtDesc', by: [{field: 'effectiveAt', direction: 'desc'}]},
    {title: 'Title A–Z', name: 'titleAsc', by: [{field: 'title', direction: 'asc'}]},
  ],
  preview: {
    select: {title: 'title', abbreviation: 'abbreviation', status: 'status', effectiveAt: 'effectiveAt'},
    prepare: ({title, abbreviation, status, effectiveAt}) => ({
      title: title || 'Untitled regulation',
      subtitle: [
        abbreviation,
        REGULATION_STATUSES.find((option) => option.value === status)?.title,
        effectiveAt ? `effective ${effectiveAt}` : 'no effective date',
      ]
        .filter(Boolean)
        .join(' · '),
    }),
  },
})
