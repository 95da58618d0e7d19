/**
 * A select investor in a unicorn: a reference when the investor has its own document (so the
 * company page can list its portfolio), otherwise just a name.
 */
import {UsersIcon} from '@sanity/icons/Users'
import {defineField, defineType} from 'sanity'

import type {ResolvedUnicornStatsOptions} from '../options'

export function createInvestorType(options: ResolvedUnicornStatsOptions) {
  return defineType({
    name: 'investor',
    title: 'Investor',
    type: 'object',
    icon: UsersIcon,
    fields: [
      defineField({
        name: 'company',
        title: 'Investor (document)',
        type: 'reference',
        to: options.documentTypes.map((type) => ({type})),
      }),
      defineField({name: 'name', title: 'Investor (name)', type: 'string', description: 'When there is no document'}),
    ],
    validation: (rule) =>
      rule.custom((value: {company?: unknown; name?: string} | undefined) =>
        !value || value.company || value.name?.trim()
          ? true
          : 'An investor needs a referenced document or a name; fill in one of them',
      ),
    preview: {
      select: {companyName: 'company.name', companyTitle: 'company.title', name: 'name'},
      prepare: ({companyName, companyTitle, name}) => ({title: companyName || companyTitle || name || 'Investor'}),
    },
  })
}
