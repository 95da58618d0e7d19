/**
 * The part of an ordered index a filter can match, from comparisons on the index's leading field: a cursor like
 * `publishedAt < $last || (publishedAt == $last && _id < $lastId)` bounds `publishedAt` to at most `$last`, so a
 * walk for the next page starts there instead of at the top. GROQ comparisons are only true between values of
 * one type, so a bound also stays inside its value's type (numbers, strings or booleans); `&&` intersects
 * bounds, `||` takes their hull, anything else leaves the range unbounded. The full filter still runs.
 */
import {compareSortValues, typeRank} from '../store/groqOrder'
import type {IndexEntry, OrderKey} from '../store/documentIndex'
import {sortValueReader, type OrderedIndex} from '../store/orderedIndex'
import type {SortValue} from '../store/indexKeys'
import {constantValue, documentPath, type Node} from './planExpressions'

/** One end of a range, ascending: a value of one type rank, or (value undefined) the edge of that rank's values. */
interface Edge {
  rank: number
  value?: SortValue
  inclusive: boolean
}
interface Range {
  lo: Edge
  hi: Edge
}

const FLIPPED: Record<string, string> = {'<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '=='}

/** Ascending comparison of a stored value with an edge (a rank edge is below/above every value of its rank). */
function compareToEdge(value: SortValue, edge: Edge, side: 'lo' | 'hi'): number {
  const rank = typeRank(value)
  if (rank !== edge.rank) return rank - edge.rank
  if (edge.value === undefined) return side === 'lo' ? 1 : -1
  return compareSortValues(value, edge.value)
}

const edgeOrder = (a: Edge, b: Edge, side: 'lo' | 'hi'): number =>
  a.rank !== b.rank ? a.rank - b.rank
  : a.value === undefined || b.value === undefined ? (a.value === b.value ? 0 : (a.value === undefined) === (side === 'lo') ? -1 : 1)
  : compareSortValues(a.value, b.value) || (a.inclusive === b.inclusive ? 0 : a.inclusive === (side === 'lo') ? -1 : 1)

function comparisonRange(op: string, value: unknown): Range | undefined {
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') return undefined
  const rank = typeRank(value)
  const at = (inclusive: boolean): Edge => ({rank, value, inclusive})
  const edge: Edge = {rank, inclusive: true}
  switch (op) {
    case '==':
      return {lo: at(true), hi: at(true)}
    case '<':
      return {lo: edge, hi: at(false)}
    case '<=':
      return {lo: edge, hi: at(true)}
    case '>':
      return {lo: at(false), hi: edge}
    case '>=':
      return {lo: at(true), hi: edge}
    default:
      return undefined
  }
}

function rangeOf(node: Node, field: string, params: Record<string, unknown>): Range | undefined {
  switch (node.type) {
    case 'Group':
      return rangeOf(node.base as Node, field, params)
    case 'And': {
      const [left, right] = [rangeOf(node.left as Node, field, params), rangeOf(node.right as Node, field, params)]
      return !left || !right ? (left ?? right) : intersect(left, right)
    }
    case 'Or': {
      const [left, right] = [rangeOf(node.left as Node, field, params), rangeOf(node.right as Node, field, params)]
      if (!left || !right) return undefined
      return {
        lo: edgeOrder(left.lo, right.lo, 'lo') <= 0 ? left.lo : right.lo,
        hi: edgeOrder(left.hi, right.hi, 'hi') >= 0 ? left.hi : right.hi,
      }
    }
    case 'OpCall': {
      if (!(node.op as string in FLIPPED)) return undefined
      for (const [attribute, other, op] of [
        [node.left, node.right, node.op],
        [node.right, node.left, FLIPPED[node.op as string]],
      ] as [Node, Node, string][]) {
        if (documentPath(attribute)?.join('.') === field) return comparisonRange(op, constantValue(other, params))
      }
      return undefined
    }
    default:
      return undefined
  }
}

/** Positions [start, end) of the index that can hold documents the conjuncts accept. */
export function leadingRange(parts: Node[], key: OrderKey, index: OrderedIndex, params: Record<string, unknown>): {start: number; end: number} {
  const range = parts.map((part) => rangeOf(part, key.field, params)).reduce<Range | undefined>(
    (all, one) => (!all || !one ? (all ?? one) : intersect(all, one)),
    undefined,
  )
  if (!range) return {start: 0, end: index.size}
  const read = sortValueReader(key.field)
  const value = (entry: IndexEntry) => read(entry.stored)
  const belowLo = (v: SortValue) => {
    const c = compareToEdge(v, range.lo, 'lo')
    return c < 0 || (c === 0 && !range.lo.inclusive)
  }
  const aboveHi = (v: SortValue) => {
    const c = compareToEdge(v, range.hi, 'hi')
    return c > 0 || (c === 0 && !range.hi.inclusive)
  }
  if (!key.desc) {
    const start = index.firstWhere((entry) => !belowLo(value(entry)))
    return {start, end: Math.max(start, index.firstWhere((entry) => aboveHi(value(entry))))}
  }
  const start = index.firstWhere((entry) => !aboveHi(value(entry)))
  return {start, end: Math.max(start, index.firstWhere((entry) => belowLo(value(entry))))}
}

function intersect(a: Range, b: Range): Range {
  return {
    lo: edgeOrder(a.lo, b.lo, 'lo') >= 0 ? a.lo : b.lo,
    hi: edgeOrder(a.hi, b.hi, 'hi') <= 0 ? a.hi : b.hi,
  }
}
