/**
 * Where a valuation figure comes from: the tracker or outlet (e.g. 'Hurun', 'IT Juzi') and a link,
 * so every number on a profile can be checked.
 */
import {defineField, defineType} from 'sanity'

export const valuationSourceType = defineType({
  name: 'valuationSource',
  title: 'Source',
  type: 'object',
  fields: [
    defineField({name: 'tracker', title: 'Tracker or outlet', type: 'string', description: 'e.g. Hurun, IT Juzi'}),
    defineField({
      name: 'url',
      title: 'URL',
      type: 'url',
      validation: (rule) => rule.uri({scheme: ['http', 'https']}),
    }),
  ],
})
