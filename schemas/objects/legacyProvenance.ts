/**
 * Where an imported document came from. Written by the importer only, so it is read-only in the
 * Studio: editing it would break re-imports that match on `legacyId`.
 */
import {defineField, defineType} from 'sanity'

import {webUrl} from '../validation/webUrl'

export const legacyProvenanceType = defineType({
  name: 'legacyProvenance',
  title: 'Legacy provenance',
  type: 'object',
  readOnly: true,
  options: {collapsible: true, collapsed: true},
  fields: [
    defineField({name: 'sourceUrl', title: 'Original URL', type: 'url', validation: (rule) => webUrl(rule)}),
    defineField({name: 'legacyId', title: 'Legacy ID', type: 'string'}),
    defineField({name: 'sourceFile', title: 'Source file', type: 'string'}),
    defineField({name: 'importedAt', title: 'Imported at', type: 'datetime'}),
  ],
})
