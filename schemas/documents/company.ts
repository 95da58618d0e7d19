/**
 * A company or public body that stories mention: listed groups, private start-ups, state-owned
 * enterprises, non-profits and government bodies. `parent` builds ownership chains
 * (LinkedIn → Microsoft). The unicornStats plugin adds a `unicorn` profile field.
 */
import {CaseIcon} from '@sanity/icons/Case'
import {defineArrayMember, defineField, defineType, getPublishedId} from 'sanity'

import {searchFields} from '../search/searchFields'
import {defineSlugField} from '../slug/defineSlugField'
import {webUrl} from '../validation/webUrl'

export const COMPANY_OWN_PARENT_MESSAGE =
  'A company cannot be its own parent: choose the owning company or clear the field'

const COMPANY_KINDS = [
  {title: 'Listed', value: 'listed'},
  {title: 'Private', value: 'private'},
  {title: 'State-owned', value: 'stateOwned'},
  {title: 'Non-profit', value: 'nonProfit'},
  {title: 'Government body', value: 'governmentBody'},
]

export const companyType = defineType({
  name: 'company',
  title: 'Company',
  type: 'document',
  icon: CaseIcon,
  groups: [
    {name: 'identity', title: 'Identity', default: true},
    {name: 'corporate', title: 'Corporate'},
  ],
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      group: 'identity',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'nameZh',
      title: 'Chinese name',
      type: 'string',
      group: 'identity',
      description: 'e.g. 腾讯控股',
    }),
    defineSlugField('name', 'identity'),
    defineField({
      name: 'aliases',
      title: 'Aliases',
      type: 'array',
      group: 'identity',
      description: 'Other names used in copy (ByteDance, 字节跳动, 抖音母公司); the importer matches on these.',
      of: [defineArrayMember({type: 'string'})],
      options: {layout: 'tags'},
      validation: (rule) => rule.unique(),
    }),
    defineField({name: 'logo', title: 'Logo', type: 'imageWithAlt', group: 'identity'}),
    defineField({name: 'description', title: 'Short description', type: 'text', rows: 3, group: 'identity'}),
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      group: 'corporate',
      options: {list: COMPANY_KINDS, layout: 'dropdown'},
    }),
    defineField({
      name: 'parent',
      title: 'Parent company',
      type: 'reference',
      group: 'corporate',
      to: [{type: 'company'}],
      options: {
        // hide the company itself from the picker; the rule below catches pasted or imported ids
        filter: ({document}) => ({
          filter: '!(_id in [$id, $draftId])',
          params: {id: getPublishedId(document._id), draftId: `drafts.${getPublishedId(document._id)}`},
        }),
      },
      validation: (rule) =>
        rule.custom((parent, context) => {
          const ref = (parent as {_ref?: string} | undefined)?._ref
          const selfId = context.document?._id
          return ref && selfId && ref === getPublishedId(selfId) ? COMPANY_OWN_PARENT_MESSAGE : true
        }),
    }),
    defineField({name: 'headquarters', title: 'Headquarters', type: 'location', group: 'corporate'}),
    defineField({
      name: 'sectors',
      title: 'Sectors',
      type: 'array',
      group: 'corporate',
      of: [defineArrayMember({type: 'string'})],
      options: {layout: 'tags'},
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'website',
      title: 'Website',
      type: 'url',
      group: 'corporate',
      validation: (rule) => webUrl(rule),
    }),
    defineField({
      name: 'listings',
      title: 'Stock listings',
      type: 'array',
      group: 'corporate',
      of: [defineArrayMember({type: 'stockListing'})],
    }),
    ...searchFields,
  ],
  orderings: [{title: 'Name A–Z', name: 'nameAsc', by: [{field: 'name', direction: 'asc'}]}],
  preview: {
    select: {name: 'name', nameZh: 'nameZh', city: 'headquarters.city', country: 'headquarters.country', media: 'logo'},
    prepare: ({name, nameZh, city, country, media}) => ({
      title: name || 'Unnamed company',
      subtitle: [nameZh, [city, country].filter(Boolean).join(', ')].filter(Boolean).join(' · '),
      media,
    }),
  },
})
