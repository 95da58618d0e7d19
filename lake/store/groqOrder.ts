/**
 * GROQ's total order as groq-js's `order()` applies it (`totalCompare` in groq-js 1.30): numbers before strings
 * before booleans, everything else (null, missing, objects, arrays) last and equal to each other; numbers and
 * booleans by value, strings by UTF-16 code units. `order()` breaks remaining ties by input position, which is
 * why ordered indexes break them by dataset sequence. Datetimes only arise from `dateTime()`, never from a stored
 * value, so no stored sort value has that type.
 */
import type {SortValue} from './indexKeys'

export function typeRank(value: SortValue): number {
  switch (typeof value) {
    case 'number':
      return 2
    case 'string':
      return 3
    case 'boolean':
      return 4
    default:
      return 100
  }
}

export function compareSortValues(a: SortValue, b: SortValue): number {
  const rankA = typeRank(a)
  const rankB = typeRank(b)
  if (rankA !== rankB) return rankA - rankB
  if (rankA === 3) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0
  if (rankA === 100) return 0
  return (a as number) - (b as number)
}
