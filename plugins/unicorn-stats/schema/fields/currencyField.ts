/**
 * The ISO 4217 currency beside every amount. Defaults to the plugin's currency; offers the
 * currencies China's trackers report in, plus the configured one.
 */
import {defineField} from 'sanity'

import {currencyOptionTitle} from '../../helpers/currencies'
import type {ResolvedUnicornStatsOptions} from '../../options'

const COMMON_CURRENCIES = ['USD', 'CNY', 'HKD', 'EUR', 'GBP', 'JPY', 'SGD', 'TWD', 'KRW', 'INR']

export function createCurrencyField(options: ResolvedUnicornStatsOptions) {
  const codes = COMMON_CURRENCIES.includes(options.currency)
    ? COMMON_CURRENCIES
    : [options.currency, ...COMMON_CURRENCIES]
  return defineField({
    name: 'currency',
    title: 'Currency',
    type: 'string',
    description: 'ISO 4217 code, e.g. USD or CNY. Empty means the plugin default.',
    initialValue: options.currency,
    // Titled options: a bare string list shows "Usd", "Cny"; editors pick from "USD — US dollar".
    options: {list: codes.map((code) => ({title: currencyOptionTitle(code), value: code})), layout: 'dropdown'},
    validation: (rule) =>
      rule.custom((value) =>
        value === undefined || /^[A-Z]{3}$/.test(value)
          ? true
          : `Currency must be an ISO 4217 code in capitals, e.g. USD or CNY, got "${value}"`,
      ),
  })
}
