/**
 * Amounts the way a Chinese newsroom writes them: 2680亿美元, 1.2万亿元, 3500万港元 (万 = 10⁴, 亿 = 10⁸,
 * 万亿 = 10¹²), shown beside the English words so either desk can check a figure at a glance.
 */
import {CURRENCIES} from './currencies'
import {trimDecimals} from './formatAmount'

// Largest first; `1` is the unscaled fallback under ten thousand.
const SCALES: [number, string][] = [
  [1e12, '万亿'],
  [1e8, '亿'],
  [1e4, '万'],
  [1, ''],
]

/** 268_000_000_000 → '2680亿'; 35_000_000 → '3500万'; 9_999.999亿 carries up to '1万亿'. */
export function amountInChinese(amount: number): string {
  const size = Math.abs(amount)
  const sign = amount < 0 ? '-' : ''
  let index = SCALES.findIndex(([scale]) => size >= scale)
  if (index === -1) index = SCALES.length - 1
  if (index > 0 && Number((size / SCALES[index][0]).toFixed(2)) >= 10_000) index -= 1
  const [scale, unit] = SCALES[index]
  return `${sign}${trimDecimals(size / scale)}${unit}`
}

/** 268e9, 'USD' → '2680亿美元'; a currency without a Chinese name keeps its ISO code. */
export function formatAmountInChinese(amount: number, currency: string): string {
  const code = currency.toUpperCase()
  const name = CURRENCIES[code]?.chinese
  return name ? `${amountInChinese(amount)}${name}` : `${amountInChinese(amount)} ${code}`
}
