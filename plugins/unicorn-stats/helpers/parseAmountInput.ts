/**
 * Reads what an editor types into an amount field. Digits with optional separators
 * ('2,500,000,000') and a scale word or letter ('2.5 billion', '2.5bn', '800m') are amounts;
 * anything else is rejected with a reason the input can show.
 */

export type ParsedAmountInput =
  | {kind: 'empty'}
  | {kind: 'amount'; amount: number}
  | {kind: 'invalid'; reason: string}

const SCALE_WORDS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  t: 1e12,
  tn: 1e12,
  trillion: 1e12,
}

const AMOUNT_PATTERN = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/

export function parseAmountInput(text: string): ParsedAmountInput {
  const compact = text.trim().toLowerCase().replace(/[,_\s](?=\d)/g, '')
  if (compact === '') return {kind: 'empty'}
  const match = AMOUNT_PATTERN.exec(compact)
  const scale = match ? (match[2] === '' ? 1 : SCALE_WORDS[match[2]]) : undefined
  if (!match || scale === undefined) {
    return {
      kind: 'invalid',
      reason: `"${text.trim()}" is not a number. Type digits, e.g. 2500000000, or 2.5 billion.`,
    }
  }
  // Multiply via the decimal string so 2.5 × 1e9 stays exactly 2500000000.
  const amount = Math.round(Number(match[1]) * scale * 100) / 100
  return {kind: 'amount', amount}
}
