/**
 * Where the amount input keeps text an editor typed that is not an amount yet ("2680亿欧元" in a USD field). The
 * amount itself stays as it was; this hidden field exists so the document, not just the input on one screen,
 * knows about the text: the amount's validation reports it and Publish stays blocked until it is fixed or cleared
 * (the input then removes it).
 */
import {defineField} from 'sanity'

export const UNPARSED_AMOUNT_FIELD = 'unparsedAmount'

export function createUnparsedAmountField() {
  return defineField({
    name: UNPARSED_AMOUNT_FIELD,
    title: 'Amount as typed (not an amount yet)',
    type: 'string',
    hidden: true,
    description: 'Set by the amount input while its text is not an amount; publishing is blocked until it is gone.',
  })
}
