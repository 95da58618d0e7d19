/**
 * The Portable Text block that places a unicorn list in an article body, so the article can show
 * the list's figures (e.g. IT Juzi's Q3 2022 count and sectors) from the one source of truth.
 */
import {BarChartIcon} from '@sanity/icons/BarChart'
import {defineField, defineType} from 'sanity'

import {unicornListPreviewTitle} from '../helpers/periodLabel'

export const unicornListEmbedType = defineType({
  name: 'unicornListEmbed',
  title: 'Unicorn list',
  type: 'object',
  icon: BarChartIcon,
  fields: [
    defineField({
      name: 'list',
      title: 'List',
      type: 'reference',
      to: [{type: 'unicornList'}],
      validation: (rule) => rule.required(),
    }),
    defineField({name: 'caption', title: 'Caption', type: 'string'}),
  ],
  preview: {
    select: {
      trackerName: 'list.tracker.name',
      year: 'list.period.year',
      kind: 'list.period.kind',
      quarter: 'list.period.quarter',
      half: 'list.period.half',
      totalCount: 'list.totalCount',
      listTitle: 'list.title',
      caption: 'caption',
    },
    prepare: ({trackerName, year, kind, quarter, half, totalCount, listTitle, caption}) => ({
      title: unicornListPreviewTitle({trackerName, period: {year, kind, quarter, half}, totalCount, fallbackTitle: listTitle}),
      subtitle: caption || 'Unicorn list',
      media: BarChartIcon,
    }),
  },
})
