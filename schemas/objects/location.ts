/** A place, as precise as editors need for a headquarters: country and city. */
import {PinIcon} from '@sanity/icons/Pin'
import {defineField, defineType} from 'sanity'

export const locationType = defineType({
  name: 'location',
  title: 'Location',
  type: 'object',
  icon: PinIcon,
  fields: [
    defineField({name: 'country', title: 'Country', type: 'string'}),
    defineField({name: 'city', title: 'City', type: 'string'}),
  ],
  preview: {
    select: {country: 'country', city: 'city'},
    prepare: ({country, city}) => ({title: [city, country].filter(Boolean).join(', ') || 'No location'}),
  },
})
