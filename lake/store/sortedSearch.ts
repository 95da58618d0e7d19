/**
 * Binary search over the store's sorted tables: lookup index members and base sequence numbers (Int32), segment
 * string offsets, and sorted text keys. Two functions rather than one generic one: each call site stays
 * monomorphic (an Int32Array or a string array), which these per-lookup hot paths depend on.
 */

/** The first position in `values[0, to)` (ascending) whose value is not below `key`; `to` when there is none. */
export function lowerBound(values: Int32Array, key: number, to = values.length): number {
  let low = 0
  let high = to
  while (low < high) {
    const middle = (low + high) >>> 1
    if (values[middle] < key) low = middle + 1
    else high = middle
  }
  return low
}

/** The same over strings sorted by `<` (UTF-16 code units, as `Array#sort` orders them). */
export function lowerBoundString(values: readonly string[], key: string): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (values[middle] < key) low = middle + 1
    else high = middle
  }
  return low
}
