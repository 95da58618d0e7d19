/**
 * Reads what an editor types into an amount field, the way a China desk writes money: digits with separators
 * ('2,500,000,000'), an English scale ('2.5 billion', '268bn', '2.5m'), a Chinese one ('2680亿', '3,500万',
 * '1.2万亿'; 万 = 10⁴, 亿 = 10⁸, 万亿 = 10¹²), and a currency before or after ('US$268bn', '$268 billion',
 * '2680亿美元', '1.2万亿元'). A currency that contradicts the field's is an error naming both; anything else that
 * is not an amount is rejected with a reason the input and the document validation can show.
 */
import {takeCurrencyPrefix, takeCurrencySuffix, type CurrencyMatch} from './currencies'

export type ParsedAmountInput =
  | {kind: 'empty'}
  | {kind: 'amount'; amount: number}
  | {kind: 'invalid'; reason: string}

/** Powers of ten, so the amount is computed from the decimal string ('1.2e12') and stays exact. */
const SCALE_EXPONENTS: Record<string, number> = {
  k: 3,
  thousand: 3,
  m: 6,
  mn: 6,
  mil: 6,
  million: 6,
  b: 9,
  bn: 9,
  billion: 9,
  t: 12,
  tn: 12,
  trillion: 12,
  千: 3,
  万: 4,
  十万: 5,
  百万: 6,
  千万: 7,
  亿: 8,
  十亿: 9,
  百亿: 10,
  千亿: 11,
  万亿: 12,
}

const NUMBER_AND_SCALE = /^(\d+(?:\.\d+)?)([a-z]*|[十百千万亿]*)$/

/** Codes and symbol prefixes are written in capitals (US$, USD); words and Chinese stay as they are. */
function tokenAsTyped(token: string): string {
  return /^[a-z]{0,3}[$¥]?$/.test(token) ? token.toUpperCase() : token
}

function notAnAmount(text: string): ParsedAmountInput {
  return {
    kind: 'invalid',
    reason: `"${text}" is not an amount. Type digits with an optional scale and currency, e.g. 2500000000, 2.5 billion, US$268bn or 2680亿美元.`,
  }
}

/**
 * `fieldCurrency` is the ISO code of the amount's currency field; when given, a currency named in the text must
 * be compatible with it.
 */
export function parseAmountInput(text: string, fieldCurrency?: string): ParsedAmountInput {
  const shown = text.trim()
  // Separators between digits ('3,500', '2 500'), and spaces anywhere else, carry no meaning.
  let compact = shown.toLowerCase().replace(/(?<=\d)[,_\s](?=\d)/g, '').replace(/\s+/g, '')
  if (compact === '') return {kind: 'empty'}

  const named: CurrencyMatch[] = []
  const prefix = takeCurrencyPrefix(compact)
  if (prefix && /^\d/.test(prefix.rest)) {
    named.push(prefix)
    compact = prefix.rest
  }
  const suffix = takeCurrencySuffix(compact)
  if (suffix && /[\d十百千万亿a-z]$/.test(suffix.rest) && NUMBER_AND_SCALE.test(suffix.rest)) {
    named.push(suffix)
    compact = suffix.rest
  }

  const match = NUMBER_AND_SCALE.exec(compact)
  const exponent = match ? (match[2] === '' ? 0 : SCALE_EXPONENTS[match[2]]) : undefined
  if (!match || exponent === undefined) return notAnAmount(shown)

  const code = fieldCurrency?.toUpperCase()
  for (const currency of named) {
    if (code && !currency.codes.includes(code)) {
      return {
        kind: 'invalid',
        reason: `"${shown}" is in ${currency.codes.join('/')} ("${tokenAsTyped(currency.token)}") but the currency field is ${code}: change the currency to ${currency.codes[0]} or type the amount in ${code}.`,
      }
    }
  }
  if (named.length === 2 && !named[0].codes.some((c) => named[1].codes.includes(c))) {
    return {kind: 'invalid', reason: `"${shown}" names two currencies, ${named[0].codes.join('/')} and ${named[1].codes.join('/')}: keep one.`}
  }

  const amount = Math.round(Number(`${match[1]}e${exponent}`) * 100) / 100
  return {kind: 'amount', amount}
}
