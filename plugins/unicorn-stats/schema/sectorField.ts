/**
 * The `sector` field shared by breakdown rows and list entries, drawn from the fixed vocabulary.
 */
import {defineField} from 'sanity'

import {UNICORN_SECTORS} from './unicornSectors'

export function createSectorField({required = false}: {required?: boolean} = {}) {
  return defineField({
    name: 'sector',
    title: 'Sector',
    type: 'string',
    options: {list: UNICORN_SECTORS.map(({value, title}) => ({value, title})), layout: 'dropdown'},
    validation: required ? (rule) => rule.required() : undefined,
  })
}
