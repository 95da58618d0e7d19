/**
 * groq-js 1.30's value rules for plain JSON data, as compiled expressions (`compiledExpression.ts`) apply them:
 * types, equality, comparison, `order()`'s total order and the arithmetic operators. Datetimes only come from
 * functions compiled expressions never call, so no value here is one.
 */

import {compareSortValues} from '../store/groqOrder'
import type {SortValue} from '../store/indexKeys'

/** groq-js's `getType` for JSON values. */
export const groqType = (value: unknown): string =>
  value === null || value === undefined ? 'null' : Array.isArray(value) ? 'array' : typeof value

/** groq-js `isEqual`: same primitive type and same value; never equal otherwise. */
export function isEqual(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined
  const type = typeof a
  return (type === 'string' || type === 'number' || type === 'boolean') && typeof b === type && a === b
}

/** groq-js `partialCompare`: numbers and booleans by value, strings by code unit; null when not comparable. */
export function partialCompare(a: unknown, b: unknown): number | null {
  const type = typeof a
  if (type !== typeof b) return null
  if (type === 'number' || type === 'boolean') return (a as number) - (b as number)
  if (type === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0
  return null
}

/** groq-js `totalCompare` (what `order()` sorts by): the order the stored indexes sort by (`store/groqOrder.ts`). */
export const totalCompare = (a: unknown, b: unknown): number => compareSortValues(a as SortValue, b as SortValue)

/** groq-js's `fromNumber`: a non-finite result is null. */
const finite = (value: number): number | null => (Number.isFinite(value) ? value : null)

const NUMERIC: Record<string, (a: number, b: number) => number> = {
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '**': (a, b) => Math.pow(a, b),
}

/** groq-js's `+`: numbers add, strings and arrays concatenate, objects merge; anything else is null. */
function plus(a: unknown, b: unknown): unknown {
  const [ta, tb] = [groqType(a), groqType(b)]
  if (ta !== tb) return null
  if (ta === 'number') return finite((a as number) + (b as number))
  if (ta === 'string') return (a as string) + (b as string)
  if (ta === 'object') return {...(a as object), ...(b as object)}
  if (ta === 'array') return (a as unknown[]).concat(b as unknown[])
  return null
}

/** The arithmetic operator `op` with groq-js's rules, or undefined when it is not one. */
export function arithmetic(op: string): ((a: unknown, b: unknown) => unknown) | undefined {
  if (op === '+') return plus
  const numeric = NUMERIC[op]
  return numeric && ((a, b) => (typeof a === 'number' && typeof b === 'number' ? finite(numeric(a, b)) : null))
}
