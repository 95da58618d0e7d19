/**
 * An amount with its currency, e.g. total funding or a list entry's valuation at the cut-off.
 */
import {defineType} from 'sanity'

import {formatAmountInWords} from '../helpers/formatAmount'
import type {ResolvedUnicornStatsOptions} from '../options'
import {createAmountField} from './fields/amountField'
import {createUnparsedAmountField} from './fields/unparsedAmountField'
import {createCurrencyField} from './fields/currencyField'

export function createMoneyType(options: ResolvedUnicornStatsOptions) {
  return defineType({
    name: 'money',
    title: 'Money',
    type: 'object',
    fields: [createAmountField(options), createUnparsedAmountField(), createCurrencyField(options)],
    preview: {
      select: {amount: 'amount', currency: 'currency'},
      prepare: ({amount, currency}) => ({
        title: typeof amount === 'number' ? formatAmountInWords(amount, currency || options.currency) : 'No amount',
      }),
    },
  })
}
