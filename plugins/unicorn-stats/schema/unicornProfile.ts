/**
 * The `unicorn` field the plugin adds to company documents: status, valuations, investors,
 * funding and exit. Its rules use the plugin's threshold and currency.
 */
import {defineArrayMember, defineField, defineType} from 'sanity'

import {findFirstOutOfOrder} from '../helpers/dates'
import {formatAmountInWords} from '../helpers/formatAmount'
import type {ResolvedUnicornStatsOptions} from '../options'
import {createPastDateField} from './fields/pastDateField'

export const UNICORN_STATUSES = [
  {value: 'active', title: 'Active unicorn'},
  {value: 'exitedIpo', title: 'Exited by IPO'},
  {value: 'exitedAcquisition', title: 'Exited by acquisition'},
  {value: 'fallenBelow', title: 'Fallen below threshold'},
  {value: 'backAbove', title: 'Back above threshold'},
]

interface ValuationValue {
  amount?: number
  currency?: string
}

export function createUnicornProfileType(options: ResolvedUnicornStatsOptions) {
  const thresholdInWords = formatAmountInWords(options.threshold, options.currency)
  return defineType({
    name: 'unicornProfile',
    title: 'Unicorn profile',
    type: 'object',
    options: {collapsible: true, collapsed: false},
    fields: [
      defineField({
        name: 'status',
        title: 'Status',
        type: 'string',
        options: {list: UNICORN_STATUSES, layout: 'dropdown'},
      }),
      createPastDateField({name: 'becameUnicornAt', title: 'Became a unicorn on'}),
      defineField({
        name: 'latestValuation',
        title: 'Latest valuation',
        type: 'valuation',
        validation: (rule) =>
          rule
            .custom((value: ValuationValue | undefined, context) => {
              const status = (context.parent as {status?: string} | undefined)?.status
              // Only same-currency amounts compare; the plugin keeps no exchange rates.
              const currency = value?.currency || options.currency
              if (status !== 'active' || typeof value?.amount !== 'number' || currency !== options.currency) return true
              return value.amount < options.threshold
                ? `Status is "Active unicorn" but the latest valuation, ${formatAmountInWords(value.amount, currency)}, is below the ${thresholdInWords} threshold: set the status to "Fallen below threshold" or correct the amount`
                : true
            })
            .warning(),
      }),
      defineField({
        name: 'valuationHistory',
        title: 'Valuation history',
        description: 'Oldest first.',
        type: 'array',
        of: [defineArrayMember({type: 'valuationRound'})],
        validation: (rule) =>
          rule
            .custom((rounds: {_key: string; date?: string}[] | undefined) => {
              const index = findFirstOutOfOrder((rounds ?? []).map((round) => round.date))
              if (index < 0 || !rounds) return true
              return {
                message: `Valuation history is out of date order: ${rounds[index].date} comes after a later round; list rounds oldest first`,
                path: [{_key: rounds[index]._key}],
              }
            })
            .warning(),
      }),
      defineField({
        name: 'investors',
        title: 'Select investors',
        type: 'array',
        of: [defineArrayMember({type: 'investor'})],
      }),
      defineField({name: 'totalFunding', title: 'Total funding', type: 'money'}),
      defineField({
        name: 'exit',
        title: 'Exit',
        type: 'unicornExit',
        hidden: ({parent}) => !String((parent as {status?: string} | undefined)?.status ?? '').startsWith('exited'),
      }),
    ],
  })
}
