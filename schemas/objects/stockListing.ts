/** One place a company's shares trade, e.g. HKEX: 0700. A company may list in several. */
import {TrendUpwardIcon} from '@sanity/icons/TrendUpward'
import {defineField, defineType} from 'sanity'

export const stockListingType = defineType({
  name: 'stockListing',
  title: 'Stock listing',
  type: 'object',
  icon: TrendUpwardIcon,
  fields: [
    defineField({
      name: 'exchange',
      title: 'Exchange',
      type: 'string',
      description: 'e.g. NASDAQ, NYSE, HKEX, SSE, SZSE',
      validation: (rule) => rule.required(),
    }),
    defineField({name: 'ticker', title: 'Ticker', type: 'string', validation: (rule) => rule.required()}),
  ],
  preview: {
    select: {exchange: 'exchange', ticker: 'ticker'},
    prepare: ({exchange, ticker}) => ({title: [exchange, ticker].filter(Boolean).join(': ')}),
  },
})
