/** A byline: the reporter or editor credited on articles. */
import {UsersIcon} from '@sanity/icons/Users'
import {defineField, defineType} from 'sanity'

import {defineSlugField} from '../slug/defineSlugField'

export const authorType = defineType({
  name: 'author',
  title: 'Author',
  type: 'document',
  icon: UsersIcon,
  fields: [
    defineField({name: 'name', title: 'Name', type: 'string', validation: (rule) => rule.required()}),
    defineSlugField('name'),
    defineField({name: 'role', title: 'Role', type: 'string', description: 'e.g. China technology correspondent'}),
    defineField({name: 'bio', title: 'Bio', type: 'text', rows: 3}),
    defineField({name: 'avatar', title: 'Avatar', type: 'imageWithAlt'}),
  ],
  orderings: [{title: 'Name A–Z', name: 'nameAsc', by: [{field: 'name', direction: 'asc'}]}],
  preview: {
    select: {title: 'name', subtitle: 'role', media: 'avatar'},
  },
})
