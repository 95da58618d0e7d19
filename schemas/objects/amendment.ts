/** One revision of a regulation: when it was adopted, when it took effect, what it changed. */
import {EditIcon} from '@sanity/icons/Edit'
import {defineField, defineType} from 'sanity'

import {notBefore} from '../validation/dateOrder'

export const amendmentType = defineType({
  name: 'amendment',
  title: 'Amendment',
  type: 'object',
  icon: EditIcon,
  fields: [
    defineField({name: 'adoptedAt', title: 'Adopted', type: 'date', validation: (rule) => rule.required()}),
    defineField({
      name: 'effectiveAt',
      title: 'Effective',
      type: 'date',
      validation: (rule) => rule.custom(notBefore('adoptedAt', 'the adopted date')),
    }),
    defineField({name: 'summary', title: 'What changed', type: 'text', rows: 3}),
  ],
  preview: {
    select: {adoptedAt: 'adoptedAt', effectiveAt: 'effectiveAt', summary: 'summary'},
    prepare: ({adoptedAt, effectiveAt, summary}) => ({
      title: adoptedAt ? `Amended ${adoptedAt}` : 'Amendment',
      subtitle: [effectiveAt && `effective ${effectiveAt}`, summary].filter(Boolean).join(' · '),
    }),
  },
})
