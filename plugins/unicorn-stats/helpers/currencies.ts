/**
 * The currencies the desk reports in, with the names editors know (`USD — US dollar`) and the words and symbols
 * that name them in typed amounts, English and Chinese (`US$`, `美元`, `元`, `港币`). A symbol such as `$` or `¥`
 * names several currencies; the parser only objects when the field's currency is none of them.
 */

export interface CurrencyInfo {
  english: string
  /** What follows a Chinese amount: 2680亿美元, 1.2万亿元. */
  chinese: string
}

export const CURRENCIES: Record<string, CurrencyInfo> = {
  USD: {english: 'US dollar', chinese: '美元'},
  CNY: {english: 'Chinese yuan (renminbi)', chinese: '元'},
  HKD: {english: 'Hong Kong dollar', chinese: '港元'},
  EUR: {english: 'Euro', chinese: '欧元'},
  GBP: {english: 'Pound sterling', chinese: '英镑'},
  JPY: {english: 'Japanese yen', chinese: '日元'},
  SGD: {english: 'Singapore dollar', chinese: '新加坡元'},
  TWD: {english: 'New Taiwan dollar', chinese: '新台币'},
  KRW: {english: 'South Korean won', chinese: '韩元'},
  INR: {english: 'Indian rupee', chinese: '印度卢比'},
}

/** `USD — US dollar`; a code the desk does not list keeps just its code. */
export function currencyOptionTitle(code: string): string {
  const info = CURRENCIES[code]
  return info ? `${code} — ${info.english}` : code
}

const DOLLARS = ['USD', 'HKD', 'SGD', 'TWD']

/** Tokens (lower case, no spaces) that may stand before or after the number, each with the codes it can mean. */
const CURRENCY_TOKENS: [string, string[]][] = [
  ['us$', ['USD']],
  ['hk$', ['HKD']],
  ['s$', ['SGD']],
  ['nt$', ['TWD']],
  ['cn¥', ['CNY']],
  ['rmb¥', ['CNY']],
  ['jp¥', ['JPY']],
  ['$', DOLLARS],
  ['¥', ['CNY', 'JPY']],
  ['￥', ['CNY', 'JPY']],
  ['€', ['EUR']],
  ['£', ['GBP']],
  ['₩', ['KRW']],
  ['₹', ['INR']],
  ['rmb', ['CNY']],
  ['dollars', DOLLARS],
  ['dollar', DOLLARS],
  ['yuan', ['CNY']],
  ['美元', ['USD']],
  ['美金', ['USD']],
  ['人民币元', ['CNY']],
  ['人民币', ['CNY']],
  ['港元', ['HKD']],
  ['港币', ['HKD']],
  ['欧元', ['EUR']],
  ['英镑', ['GBP']],
  ['日元', ['JPY']],
  ['韩元', ['KRW']],
  ['新台币', ['TWD']],
  ['新加坡元', ['SGD']],
  ['印度卢比', ['INR']],
  ['元', ['CNY']],
  ...Object.keys(CURRENCIES).map((code): [string, string[]] => [code.toLowerCase(), [code]]),
]

// Longest first, so `美元` wins over `元` and `us$` over `$`.
const BY_LENGTH = [...CURRENCY_TOKENS].sort((a, b) => b[0].length - a[0].length)

export interface CurrencyMatch {
  token: string
  codes: string[]
  rest: string
}

/** Strips a currency token from the start of `text` (already lower case, without spaces). */
export function takeCurrencyPrefix(text: string): CurrencyMatch | undefined {
  const found = BY_LENGTH.find(([token]) => text.startsWith(token))
  return found && {token: found[0], codes: found[1], rest: text.slice(found[0].length)}
}

/** Strips a currency token from the end of `text`. */
export function takeCurrencySuffix(text: string): CurrencyMatch | undefined {
  const found = BY_LENGTH.find(([token]) => text.endsWith(token))
  return found && {token: found[0], codes: found[1], rest: text.slice(0, -found[0].length)}
}
