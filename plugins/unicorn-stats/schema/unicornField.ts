/**
 * What the plugin adds to each configured document type: the `unicorn` field in its own
 * `unicorn` field group, and a preview that keeps the type's own subtitle and appends a unicorn
 * badge with the latest valuation.
 */
import {SparklesIcon} from '@sanity/icons/Sparkles'
import {defineField, type PreviewConfig} from 'sanity'

import {formatAmountInWords} from '../helpers/formatAmount'
import type {ResolvedUnicornStatsOptions} from '../options'

export const UNICORN_FIELD_NAME = 'unicorn'
export const UNICORN_GROUP = {name: 'unicorn', title: 'Unicorn', icon: SparklesIcon}

export function createUnicornField() {
  return defineField({name: UNICORN_FIELD_NAME, title: 'Unicorn', type: 'unicornProfile', group: UNICORN_GROUP.name})
}

/** The badge for a company preview: '🦄 US$2.5 billion', 'Ex-unicorn (IPO)', or nothing. */
export function unicornBadge(
  status: string | undefined,
  amount: number | undefined,
  currency: string | undefined,
  options: ResolvedUnicornStatsOptions,
): string | undefined {
  const valuation = typeof amount === 'number' ? formatAmountInWords(amount, currency || options.currency) : undefined
  switch (status) {
    case 'active':
    case 'backAbove':
      return valuation ? `🦄 ${valuation}` : '🦄 Unicorn'
    case 'fallenBelow':
      return valuation ? `Fallen unicorn · ${valuation}` : 'Fallen unicorn'
    case 'exitedIpo':
      return 'Ex-unicorn (IPO)'
    case 'exitedAcquisition':
      return 'Ex-unicorn (acquired)'
    default:
      return undefined
  }
}

// Prefixed so they cannot collide with the keys the type's own preview selects.
const SELECT_KEYS = {
  status: 'unicornStatsStatus',
  amount: 'unicornStatsAmount',
  currency: 'unicornStatsCurrency',
} as const

type Selection = Record<string, unknown>

/**
 * Wraps a type's preview. Without a preview of its own, the type's `title` or `name` field is
 * used as title, which is what Sanity would have picked.
 */
export function withUnicornPreview(
  preview: PreviewConfig | undefined,
  fieldNames: string[],
  options: ResolvedUnicornStatsOptions,
): PreviewConfig {
  const titleField = ['title', 'name'].find((name) => fieldNames.includes(name))
  const originalSelect: Record<string, string> =
    preview?.select ?? (titleField ? {title: titleField} : {})
  const originalPrepare = preview?.prepare as ((selection: Selection, viewOptions?: unknown) => Selection) | undefined

  return {
    select: {
      ...originalSelect,
      [SELECT_KEYS.status]: `${UNICORN_FIELD_NAME}.status`,
      [SELECT_KEYS.amount]: `${UNICORN_FIELD_NAME}.latestValuation.amount`,
      [SELECT_KEYS.currency]: `${UNICORN_FIELD_NAME}.latestValuation.currency`,
    },
    prepare: (selection: Selection, viewOptions?: unknown) => {
      const {
        [SELECT_KEYS.status]: status,
        [SELECT_KEYS.amount]: amount,
        [SELECT_KEYS.currency]: currency,
        ...own
      } = selection
      const base = originalPrepare ? originalPrepare(own, viewOptions) : own
      const badge = unicornBadge(status as string, amount as number, currency as string, options)
      if (!badge) return base
      const subtitle = [base.subtitle, badge].filter((part) => typeof part === 'string' && part).join(' · ')
      return {...base, subtitle}
    },
  } as PreviewConfig
}
