/**
 * One company on a unicorn list: who, which sector, its valuation at the list's cut-off and rank.
 */
import {defineField, defineType} from 'sanity'

import {formatAmountInWords} from '../helpers/formatAmount'
import type {ResolvedUnicornStatsOptions} from '../options'
import {createSectorField} from './sectorField'
import {sectorLabel} from './unicornSectors'

export function createUnicornListEntryType(options: ResolvedUnicornStatsOptions) {
  return defineType({
    name: 'unicornListEntry',
    title: 'List entry',
    type: 'object',
    fields: [
      defineField({
        name: 'company',
        title: 'Company',
        type: 'reference',
        to: options.documentTypes.map((type) => ({type})),
        validation: (rule) => rule.required(),
      }),
      createSectorField(),
      defineField({name: 'valuation', title: 'Valuation at cut-off', type: 'money'}),
      defineField({
        name: 'rank',
        title: 'Rank',
        type: 'number',
        validation: (rule) =>
          rule.custom((value) =>
            value === undefined || (Number.isInteger(value) && value >= 1) ? true : 'Rank must be a whole number from 1',
          ),
      }),
    ],
    preview: {
      select: {
        companyName: 'company.name',
        companyTitle: 'company.title',
        sector: 'sector',
        amount: 'valuation.amount',
        currency: 'valuation.currency',
        rank: 'rank',
      },
      prepare: ({companyName, companyTitle, sector, amount, currency, rank}) => ({
        title: [typeof rank === 'number' ? `${rank}.` : null, companyName || companyTitle || 'Company']
          .filter(Boolean)
          .join(' '),
        subtitle: [
          sector ? sectorLabel(sector) : null,
          typeof amount === 'number' ? formatAmountInWords(amount, currency || options.currency) : null,
        ]
          .filter(Boolean)
          .join(' · '),
      }),
    },
  })
}
