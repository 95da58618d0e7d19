/**
 * Amounts in words, the way a business desk writes them: 'US$2.5 billion', 'CN¥800 million'.
 * Pure, so previews, inputs and validation messages all say the same thing.
 */

// Prefixes that keep dollars and yuan/yen apart; other currencies fall back to their ISO code.
const CURRENCY_PREFIXES: Record<string, string> = {
  USD: 'US$',
  CNY: 'CN¥',
  HKD: 'HK$',
  JPY: 'JP¥',
  EUR: '€',
  GBP: '£',
  SGD: 'S$',
  TWD: 'NT$',
  KRW: '₩',
  INR: '₹',
}

// Largest first; `1` is the unscaled fallback for amounts under a thousand.
const SCALES: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
  [1e3, 'thousand'],
  [1, ''],
]

/** 'US$' for USD, 'CN¥' for CNY, 'CHF ' for currencies without a house prefix. */
export function currencyPrefix(currency: string): string {
  const code = currency.toUpperCase()
  return CURRENCY_PREFIXES[code] ?? `${code} `
}

export function trimDecimals(value: number): string {
  // Two decimals at most, and no trailing zeros: 2.50 → 2.5, 3.00 → 3.
  return String(Number(value.toFixed(2)))
}

/** 2_500_000_000 → '2.5 billion'; 950 → '950'; 999_999_000 → '1 billion' (rounding carries up). */
export function amountInWords(amount: number): string {
  const size = Math.abs(amount)
  const sign = amount < 0 ? '-' : ''
  const found = SCALES.findIndex(([scale]) => size >= scale)
  const index = found === -1 ? SCALES.length - 1 : found
  let [scale, word] = SCALES[index]
  // Rounding can carry 999.999 million up to "1000 million"; say "1 billion" instead.
  if (Number((size / scale).toFixed(2)) >= 1000 && index > 0) [scale, word] = SCALES[index - 1]
  const number = trimDecimals(size / scale)
  return word ? `${sign}${number} ${word}` : `${sign}${number}`
}

/** 2_500_000_000, 'USD' → 'US$2.5 billion'. */
export function formatAmountInWords(amount: number, currency: string): string {
  const prefix = currencyPrefix(currency)
  const words = amountInWords(amount)
  return words.startsWith('-') ? `-${prefix}${words.slice(1)}` : `${prefix}${words}`
}
