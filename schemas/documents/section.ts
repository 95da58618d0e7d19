/** A desk section (Technology, Policy, Markets): the front end's navigation and article lists. */
import {FolderIcon} from '@sanity/icons/Folder'
import {defineField, defineType} from 'sanity'

import {defineSlugField} from '../slug/defineSlugField'

export const sectionType = defineType({
  name: 'section',
  title: 'Section',
  type: 'document',
  icon: FolderIcon,
  fields: [
    defineField({name: 'title', title: 'Title', type: 'string', validation: (rule) => rule.required()}),
    defineSlugField('title'),
    defineField({name: 'description', title: 'Description', type: 'text', rows: 2}),
  ],
  orderings: [{title: 'Title A–Z', name: 'titleAsc', by: [{field: 'title', direction: 'asc'}]}],
  preview: {
    select: {title: 'title', subtitle: 'slug.current'},
  },
})
