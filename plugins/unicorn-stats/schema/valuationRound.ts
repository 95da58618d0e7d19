/**
 * One point in a company's valuation history: a funding round or a tracker's re-rating.
 */
import {TrendUpwardIcon} from '@sanity/icons/TrendUpward'
import {defineField, defineType} from 'sanity'

import {formatAmountInWords} from '../helpers/formatAmount'
import type {ResolvedUnicornStatsOptions} from '../options'
import {createAmountField} from './fields/amountField'
import {createUnparsedAmountField} from './fields/unparsedAmountField'
import {createCurrencyField} from './fields/currencyField'
import {createPastDateField} from './fields/pastDateField'

export function createValuationRoundType(options: ResolvedUnicornStatsOptions) {
  return defineType({
    name: 'valuationRound',
    title: 'Valuation round',
    type: 'object',
    icon: TrendUpwardIcon,
    fields: [
      createPastDateField({name: 'date', title: 'Date', required: true}),
      createAmountField(options, {title: 'Valuation', required: true}),
      createUnparsedAmountField(),
      createCurrencyField(options),
      defineField({name: 'round', title: 'Round', type: 'string', description: 'e.g. Series C, strategic, tracker re-rating'}),
      defineField({name: 'source', title: 'Source', type: 'valuationSource'}),
    ],
    preview: {
      select: {date: 'date', amount: 'amount', currency: 'currency', round: 'round'},
      prepare: ({date, amount, currency, round}) => ({
        title: [round, typeof amount === 'number' ? formatAmountInWords(amount, currency || options.currency) : null]
          .filter(Boolean)
          .join(' · ') || 'Valuation round',
        subtitle: date,
      }),
    },
  })
}
