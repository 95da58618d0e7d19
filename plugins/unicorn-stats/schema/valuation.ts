/**
 * A company's latest valuation: amount, currency, the date it holds for, and its source.
 */
import {defineType} from 'sanity'

import {formatAmountInWords} from '../helpers/formatAmount'
import type {ResolvedUnicornStatsOptions} from '../options'
import {createAmountField} from './fields/amountField'
import {createUnparsedAmountField} from './fields/unparsedAmountField'
import {createCurrencyField} from './fields/currencyField'
import {createPastDateField} from './fields/pastDateField'

export function createValuationType(options: ResolvedUnicornStatsOptions) {
  return defineType({
    name: 'valuation',
    title: 'Valuation',
    type: 'object',
    fields: [
      createAmountField(options),
      createUnparsedAmountField(),
      createCurrencyField(options),
      createPastDateField({name: 'asOf', title: 'As of', description: 'The date the valuation was reported for.'}),
      {name: 'source', title: 'Source', type: 'valuationSource'},
    ],
    preview: {
      select: {amount: 'amount', currency: 'currency', asOf: 'asOf'},
      prepare: ({amount, currency, asOf}) => ({
        title: typeof amount === 'number' ? formatAmountInWords(amount, currency || options.currency) : 'No amount',
        subtitle: asOf ? `as of ${asOf}` : undefined,
      }),
    },
  })
}
