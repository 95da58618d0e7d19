/**
 * A tracker's periodic unicorn list (e.g. IT Juzi's Q3 2022 list of China's new tech unicorns):
 * the headline figures an article cites, the sector breakdown, and optionally the companies.
 */
import {BarChartIcon} from '@sanity/icons/BarChart'
import {defineArrayMember, defineField, defineType} from 'sanity'

import {SectorBreakdownInput} from '../components/SectorBreakdownInput'
import {unicornListPreviewTitle} from '../helpers/periodLabel'
import type {ResolvedUnicornStatsOptions} from '../options'
import {createPastDateField} from './fields/pastDateField'
import {breakdownWithinTotal, entriesAgreeWithTotals} from './unicornListRules'

export function createUnicornListType(options: ResolvedUnicornStatsOptions) {
  return defineType({
    name: 'unicornList',
    title: 'Unicorn list',
    type: 'document',
    icon: BarChartIcon,
    fields: [
      defineField({name: 'title', title: 'Title', type: 'string', validation: (rule) => rule.required()}),
      defineField({
        name: 'slug',
        title: 'Slug',
        type: 'slug',
        options: {source: 'title', maxLength: 96},
        validation: (rule) => rule.required(),
      }),
      defineField({
        name: 'tracker',
        title: 'Tracker',
        description: 'The organisation publishing the list, e.g. IT Juzi, Hurun, CB Insights',
        type: 'reference',
        to: options.documentTypes.map((type) => ({type})),
      }),
      defineField({name: 'period', title: 'Period', type: 'unicornListPeriod'}),
      createPastDateField({name: 'cutoffDate', title: 'Cut-off date'}),
      createPastDateField({name: 'publishedAt', title: 'Published', description: 'When the tracker published the list'}),
      defineField({name: 'scope', title: 'Scope', type: 'string', description: 'e.g. new tech unicorns, China'}),
      defineField({name: 'methodology', title: 'Methodology note', type: 'text', rows: 3}),
      defineField({
        name: 'sourceWording',
        title: "Source's wording",
        type: 'text',
        rows: 3,
        description: 'The tracker’s own words, quoted as published (may be Chinese)',
      }),
      defineField({
        name: 'totalCount',
        title: 'Total count',
        type: 'number',
        validation: (rule) =>
          rule.custom((value) =>
            value === undefined || (Number.isInteger(value) && value >= 0)
              ? true
              : 'Total count must be a whole number, 0 or more',
          ),
      }),
      defineField({
        name: 'sectorBreakdown',
        title: 'Sector breakdown',
        type: 'array',
        of: [defineArrayMember({type: 'sectorCount'})],
        components: {input: SectorBreakdownInput},
        validation: (rule) => rule.custom(breakdownWithinTotal),
      }),
      defineField({
        name: 'entries',
        title: 'Entries',
        type: 'array',
        of: [defineArrayMember({type: 'unicornListEntry'})],
        validation: (rule) => rule.custom(entriesAgreeWithTotals).warning(),
      }),
    ],
    preview: {
      select: {
        trackerName: 'tracker.name',
        year: 'period.year',
        kind: 'period.kind',
        quarter: 'period.quarter',
        half: 'period.half',
        totalCount: 'totalCount',
        title: 'title',
      },
      prepare: ({trackerName, year, kind, quarter, half, totalCount, title}) => ({
        title: unicornListPreviewTitle({trackerName, period: {year, kind, quarter, half}, totalCount, fallbackTitle: title}),
        subtitle: title,
      }),
    },
  })
}
