/**
 * The unicornStats plugin's options: what an editor-facing Studio may configure, the defaults,
 * and the checks that turn a typo in `sanity.config.ts` into an error naming the option.
 */

/** Options accepted by `unicornStats(options)`. Every option has a default. */
export interface UnicornStatsOptions {
  /** Document types that get the `unicorn` profile field (default `['company']`). */
  documentTypes?: string[]
  /** ISO 4217 code of the threshold and of new amounts (default `'USD'`). */
  currency?: string
  /** Valuation, in `currency`, at which a company counts as a unicorn (default 1,000,000,000). */
  threshold?: number
  /** Portable Text array types that get the `unicornListEmbed` block (default `['articleBody']`). */
  bodyTypes?: string[]
}

/** The options with defaults filled in and checked; what schema factories receive. */
export interface ResolvedUnicornStatsOptions {
  documentTypes: string[]
  currency: string
  threshold: number
  bodyTypes: string[]
}

export const DEFAULT_UNICORN_STATS_OPTIONS: ResolvedUnicornStatsOptions = {
  documentTypes: ['company'],
  currency: 'USD',
  threshold: 1_000_000_000,
  bodyTypes: ['articleBody'],
}

function optionError(option: string, problem: string): Error {
  return new Error(`unicornStats: option "${option}" ${problem}`)
}

function isIsoCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false
  // Intl knows the ISO 4217 list; fall back to the shape check where it is missing.
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : null
  return supported ? supported.includes(code) : true
}

function checkTypeNameList(option: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string' || name.trim() === '')) {
    throw optionError(option, `must be an array of schema type names, e.g. ['company'], got ${JSON.stringify(value)}`)
  }
  return [...new Set(value as string[])]
}

/**
 * Fills in defaults and rejects bad values. Type names are checked against the schema later,
 * in `applyUnicornStats`, because only then are the Studio's types known.
 */
export function resolveUnicornStatsOptions(options?: UnicornStatsOptions | void | null): ResolvedUnicornStatsOptions {
  const given = options ?? {}
  const documentTypes = checkTypeNameList(
    'documentTypes',
    given.documentTypes ?? DEFAULT_UNICORN_STATS_OPTIONS.documentTypes,
  )
  const bodyTypes = checkTypeNameList('bodyTypes', given.bodyTypes ?? DEFAULT_UNICORN_STATS_OPTIONS.bodyTypes)

  const threshold = given.threshold ?? DEFAULT_UNICORN_STATS_OPTIONS.threshold
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
    throw optionError(
      'threshold',
      `must be a positive number of currency units, e.g. 1_000_000_000, got ${JSON.stringify(threshold)}`,
    )
  }

  const currency = given.currency ?? DEFAULT_UNICORN_STATS_OPTIONS.currency
  if (typeof currency !== 'string' || !isIsoCurrency(currency)) {
    throw optionError(
      'currency',
      `must be an ISO 4217 currency code in capitals, e.g. 'USD' or 'CNY', got ${JSON.stringify(currency)}`,
    )
  }

  return {documentTypes, bodyTypes, threshold, currency}
}
