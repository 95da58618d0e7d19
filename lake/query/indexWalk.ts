/**
 * The mechanics of an ordered walk (`orderedWalk.ts`): which ordered index to walk (`_type == "x"` narrows it to
 * one type), the set test for a constant indexed condition, whether sorting looked-up candidates beats walking,
 * and the walk itself over a range of the index.
 */
import type {DocumentIndex, IndexEntry} from '../store/documentIndex'
import type {OrderedIndex} from '../store/orderedIndex'
import type {ConjunctPlan} from './conjunctPlan'
import {documentPath, type Node} from './planExpressions'

const BATCH = 32

/**
 * Candidate sets up to `lookupLimit` (or four times the rows needed) are looked up and sorted instead of
 * walked. Tests set it to 0 so that small random datasets exercise the walk.
 */
export const walkTuning = {lookupLimit: 256}

/** `_type == "x"` as a conjunct: the walk can use the ordered index of just that type. */
export function singleType(part: Node, params: Record<string, unknown>): string | undefined {
  const inner = part.type === 'Group' ? (part.base as Node) : part
  if (inner.type !== 'OpCall' || inner.op !== '==') return undefined
  for (const [attribute, other] of [[inner.left, inner.right], [inner.right, inner.left]] as Node[][]) {
    const path = documentPath(attribute)
    const value = other.type === 'Value' ? other.value : other.type === 'Parameter' ? params[other.name as string] : undefined
    if (path?.length === 1 && path[0] === '_type' && typeof value === 'string') return value
  }
  return undefined
}

export function membership(plan: ConjunctPlan | undefined, view: DocumentIndex, type: string | undefined): ((entry: IndexEntry) => boolean) | undefined {
  if (!plan || plan.kind === 'perRow') return undefined
  if (plan.kind === 'text') {
    const candidates = plan.match.candidates(view)
    return (entry) => candidates.has(entry)
  }
  if (plan.index === 'type' && plan.keys.length === 1 && plan.keys[0] === type) return undefined
  const {index, keys} = plan
  return (entry) => view.has(index, keys, entry)
}

/**
 * Sorting c looked-up candidates beats walking when c² ≤ needed × (index size): a walk visits about
 * needed × size / c entries when the candidates are spread evenly. A candidate set that is the index's own
 * type is read in order by the walk, never sorted.
 */
export function lookupBeatsWalk(count: number, needed: number, view: DocumentIndex, type: string | undefined, plan: {index: string; keys: string[]}): boolean {
  if (walkTuning.lookupLimit === 0) return false
  if (plan.index === 'type' && plan.keys.length === 1 && plan.keys[0] === type) return false
  if (count <= walkTuning.lookupLimit) return true
  const size = type === undefined ? view.size : view.count('type', [type])
  return count * count <= needed * size
}

/**
 * Walks [range.start, range.end) until `needed` entries passed; with `finishTies`, also the rest of the last
 * entry's tie group (a tied document later in the index may sort before it once groq-js orders by every term).
 */
export function walk(
  index: OrderedIndex,
  range: {start: number; end: number},
  needed: number,
  member: ((entry: IndexEntry) => boolean) | undefined,
  passing: (batch: IndexEntry[]) => IndexEntry[] | undefined,
  finishTies: boolean,
): IndexEntry[] | undefined {
  const collected: IndexEntry[] = []
  let position = range.start
  const test = (batch: IndexEntry[]): boolean => {
    if (batch.length === 0) return true
    const passed = passing(batch)
    if (!passed) return false
    for (const entry of passed) collected.push(entry)
    return true
  }
  while (position < range.end && collected.length < needed) {
    const batch: IndexEntry[] = []
    while (position < range.end && batch.length < BATCH) {
      const entry = index.at(position++)
      if (!member || member(entry)) batch.push(entry)
    }
    if (!test(batch)) return undefined
  }
  if (!finishTies) return collected.slice(0, needed)
  if (position > range.start && position < range.end) {
    const last = index.at(position - 1)
    const ties: IndexEntry[] = []
    while (position < range.end && index.compareKeys(index.at(position), last) === 0) {
      const entry = index.at(position++)
      if (!member || member(entry)) ties.push(entry)
    }
    for (let i = 0; i < ties.length; i += BATCH) if (!test(ties.slice(i, i + BATCH))) return undefined
  }
  return collected
}
