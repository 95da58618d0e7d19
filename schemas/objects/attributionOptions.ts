/**
 * How a quote may be attributed. Shared by an interview (how the conversation was agreed) and a
 * quotation (how this quote is printed), so both speak the same vocabulary.
 */
export const ATTRIBUTION_OPTIONS = [
  {title: 'On the record', value: 'onRecord'},
  {title: 'On background', value: 'background'},
  {title: 'Anonymous', value: 'anonymous'},
]

export type Attribution = 'onRecord' | 'background' | 'anonymous'
