/**
 * The regulation vocabularies with their editor-facing labels. Kept free of Studio imports so a
 * front end can reuse the labels (e.g. "In force" for `inForce`) without bundling `sanity`.
 */
export const REGULATION_STATUSES = [
  {title: 'Draft', value: 'draft'},
  {title: 'In force', value: 'inForce'},
  {title: 'Amended', value: 'amended'},
  {title: 'Repealed', value: 'repealed'},
]

export const INSTRUMENT_TYPES = [
  {title: 'Law', value: 'law'},
  {title: 'Administrative regulation', value: 'administrativeRegulation'},
  {title: 'Departmental rule', value: 'departmentalRule'},
  {title: 'National standard', value: 'nationalStandard'},
  {title: 'Draft', value: 'draft'},
]
