/**
 * A person the desk quotes, with every occasion they spoke (`interviews`). Quotations and quote
 * attributions in article bodies point here, and at one interview by its `_key`.
 */
import {UserIcon} from '@sanity/icons/User'
import {defineArrayMember, defineField, defineType} from 'sanity'

import {defineSlugField} from '../slug/defineSlugField'

export const interviewSourceType = defineType({
  name: 'interviewSource',
  title: 'Source',
  type: 'document',
  icon: UserIcon,
  groups: [
    {name: 'profile', title: 'Profile', default: true},
    {name: 'interviews', title: 'Interviews'},
  ],
  fields: [
    defineField({name: 'name', title: 'Name', type: 'string', group: 'profile', validation: (rule) => rule.required()}),
    defineField({name: 'nameZh', title: 'Chinese name', type: 'string', group: 'profile'}),
    defineSlugField('name', 'profile'),
    defineField({
      name: 'jobTitle',
      title: 'Job title',
      type: 'string',
      group: 'profile',
      description: 'Current title; quotations keep the title at the time.',
    }),
    defineField({name: 'organisation', title: 'Organisation', type: 'organisation', group: 'profile'}),
    defineField({name: 'bio', title: 'Bio', type: 'text', rows: 3, group: 'profile'}),
    defineField({name: 'headshot', title: 'Headshot', type: 'imageWithAlt', group: 'profile'}),
    defineField({
      name: 'profileLinks',
      title: 'Profile links',
      type: 'array',
      group: 'profile',
      of: [defineArrayMember({type: 'profileLink'})],
    }),
    defineField({
      name: 'interviews',
      title: 'Interviews',
      type: 'array',
      group: 'interviews',
      of: [defineArrayMember({type: 'interview'})],
    }),
  ],
  orderings: [{title: 'Name A–Z', name: 'nameAsc', by: [{field: 'name', direction: 'asc'}]}],
  preview: {
    select: {
      name: 'name',
      nameZh: 'nameZh',
      jobTitle: 'jobTitle',
      companyName: 'organisation.company.name',
      organisationName: 'organisation.name',
      media: 'headshot',
    },
    prepare: ({name, nameZh, jobTitle, companyName, organisationName, media}) => ({
      title: [name, nameZh].filter(Boolean).join(' ') || 'Unnamed source',
      subtitle: [jobTitle, companyName || organisationName].filter(Boolean).join(', '),
      media,
    }),
  },
})
