/**
 * The amount field shared by valuation, valuationRound and money: a positive number edited with
 * the words-echoing ValuationAmountInput bound to the plugin's currency.
 */
import {defineField} from 'sanity'

import {createValuationAmountInput} from '../../components/ValuationAmountInput'
import {formatAmountInWords} from '../../helpers/formatAmount'
import type {ResolvedUnicornStatsOptions} from '../../options'

export function createAmountField(
  options: ResolvedUnicornStatsOptions,
  {title = 'Amount', required = false}: {title?: string; required?: boolean} = {},
) {
  return defineField({
    name: 'amount',
    title,
    type: 'number',
    description: `In whole currency units, e.g. 2500000000 for ${formatAmountInWords(2.5e9, options.currency)}.`,
    components: {input: createValuationAmountInput(options.currency)},
    validation: (rule) => {
      const positive = rule.custom((value) => {
        if (value === undefined || value === null) return true
        return typeof value === 'number' && Number.isFinite(value) && value > 0
          ? true
          : 'Amount must be a positive number of currency units, e.g. 2500000000'
      })
      return required ? [rule.required(), positive] : positive
    },
  })
}
