/**
 * The reporting period of a unicorn list: a quarter (2022 Q3) or a half year (2023 H1).
 */
import {defineField, defineType} from 'sanity'

import {formatPeriod} from '../helpers/periodLabel'

type PeriodParent = {kind?: string} | undefined

export const unicornListPeriodType = defineType({
  name: 'unicornListPeriod',
  title: 'Period',
  type: 'object',
  options: {columns: 2},
  fields: [
    defineField({
      name: 'year',
      title: 'Year',
      type: 'number',
      validation: (rule) =>
        rule.custom((value) =>
          value === undefined || (Number.isInteger(value) && value >= 2000 && value <= 2100)
            ? true
            : 'Year must be a four-digit year, e.g. 2022',
        ),
    }),
    defineField({
      name: 'kind',
      title: 'Period kind',
      type: 'string',
      initialValue: 'quarter',
      options: {list: [{value: 'quarter', title: 'Quarter'}, {value: 'half', title: 'Half year'}], layout: 'radio'},
    }),
    defineField({
      name: 'quarter',
      title: 'Quarter',
      type: 'number',
      options: {list: [1, 2, 3, 4]},
      hidden: ({parent}) => (parent as PeriodParent)?.kind !== 'quarter',
      validation: (rule) =>
        rule.custom((value, context) =>
          (context.parent as PeriodParent)?.kind === 'quarter' && value === undefined
            ? 'Choose the quarter (1–4) for a quarterly list'
            : true,
        ),
    }),
    defineField({
      name: 'half',
      title: 'Half',
      type: 'number',
      options: {list: [1, 2]},
      hidden: ({parent}) => (parent as PeriodParent)?.kind !== 'half',
      validation: (rule) =>
        rule.custom((value, context) =>
          (context.parent as PeriodParent)?.kind === 'half' && value === undefined
            ? 'Choose the half (1 or 2) for a half-year list'
            : true,
        ),
    }),
  ],
  preview: {
    select: {year: 'year', kind: 'kind', quarter: 'quarter', half: 'half'},
    prepare: (period) => ({title: formatPeriod(period) || 'No period'}),
  },
})
