/**
 * The amount field shared by valuation, valuationRound and money: a positive number edited with the
 * ValuationAmountInput bound to the plugin's currency. Its validation also reports text the input could not
 * read (kept in the sibling `unparsedAmount`), so half-typed or contradictory amounts block publishing.
 */
import {defineField} from 'sanity'

import {createValuationAmountInput} from '../../components/ValuationAmountInput'
import {formatAmountInWords} from '../../helpers/formatAmount'
import {parseAmountInput} from '../../helpers/parseAmountInput'
import type {ResolvedUnicornStatsOptions} from '../../options'
import {UNPARSED_AMOUNT_FIELD} from './unparsedAmountField'

interface AmountParent {
  currency?: string
  [UNPARSED_AMOUNT_FIELD]?: string
}

export function createAmountField(
  options: ResolvedUnicornStatsOptions,
  {title = 'Amount', required = false}: {title?: string; required?: boolean} = {},
) {
  return defineField({
    name: 'amount',
    title,
    type: 'number',
    description: `In whole currency units: type 2500000000, 2.5 billion, US$268bn or 2680亿美元 (saved on Enter or when you leave the field), e.g. 2500000000 for ${formatAmountInWords(2.5e9, options.currency)}.`,
    components: {input: createValuationAmountInput(options.currency)},
    validation: (rule) => {
      const checks = rule.custom((value, context) => {
        const parent = context.parent as AmountParent | undefined
        const unparsed = parent?.[UNPARSED_AMOUNT_FIELD]
        if (typeof unparsed === 'string' && unparsed) {
          const parsed = parseAmountInput(unparsed, parent?.currency || options.currency)
          const why = parsed.kind === 'invalid' ? parsed.reason : `"${unparsed}" was typed but not saved: click the amount and press Enter.`
          return `${title} not saved: ${why} Fix or clear the text to publish.`
        }
        if (value === undefined || value === null) return true
        return typeof value === 'number' && Number.isFinite(value) && value > 0
          ? true
          : 'Amount must be a positive number of currency units, e.g. 2500000000'
      })
      return required ? [rule.required(), checks] : checks
    },
  })
}
