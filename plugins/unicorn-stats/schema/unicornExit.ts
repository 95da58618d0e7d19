/**
 * How a unicorn left the private market: date, type and venue (exchange or acquirer).
 */
import {defineField, defineType} from 'sanity'

import {createPastDateField} from './fields/pastDateField'

export const UNICORN_EXIT_TYPES = [
  {value: 'ipo', title: 'IPO'},
  {value: 'acquisition', title: 'Acquisition'},
  {value: 'spac', title: 'SPAC merger'},
  {value: 'other', title: 'Other'},
]

export const unicornExitType = defineType({
  name: 'unicornExit',
  title: 'Exit',
  type: 'object',
  fields: [
    createPastDateField({name: 'date', title: 'Exit date'}),
    defineField({name: 'type', title: 'Type', type: 'string', options: {list: UNICORN_EXIT_TYPES, layout: 'radio'}}),
    defineField({
      name: 'venue',
      title: 'Venue',
      type: 'string',
      description: 'Exchange (e.g. STAR Market, HKEX) or acquirer',
    }),
  ],
})
