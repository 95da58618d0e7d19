/**
 * `*[filter] | order(a, b, …)[s...e]` (or `[i]`) read through an ordered index whose leading fields are the
 * leading order fields: the index is walked in order and the full filter runs on each document (in small
 * batches) until `e` documents passed and the walk has left the last tie group of the indexed fields. Every
 * document not reached sorts after all of those, so groq-js ordering and slicing just these candidates (kept in
 * dataset order, which is how `order()` breaks ties) gives exactly the result it gives over the whole dataset.
 * A constant indexed condition narrows the walk to its members (a cheap set test before the filter); when it
 * holds few documents, looking them up and letting groq-js sort them is cheaper, and no walk happens.
 */
import type {DocumentIndex, IndexEntry, OrderKey} from '../store/documentIndex'
import {ORDERED_FIELDS, type OrderedField} from '../store/storedDocument'
import type {OrderedIndex} from '../store/orderedIndex'
import type {Doc} from '../types'
import {planFilter, type ConjunctPlan} from './conjunctPlan'
import {leadingRange} from './leadingRange'
import {conjuncts, containsNode, documentPath, withoutConstantConjuncts, type Node} from './planExpressions'

export interface WalkContext {
  view: DocumentIndex
  params: Record<string, unknown>
  /** Runs a (parent-free) filter over documents with groq-js; undefined when it cannot run synchronously. */
  passing: (expr: Node, docs: Doc[]) => Doc[] | undefined
}

const BATCH = 32

/**
 * Candidate sets up to `lookupLimit` (or four times the rows needed) are looked up and sorted by groq-js instead
 * of walked. Tests set it to 0 so that small random datasets exercise the walk.
 */
export const walkTuning = {lookupLimit: 256}

/** The number of leading rows an `order()` result is read for: `[s...e]` needs e, `[i]` needs i + 1. */
function rowsNeeded(node: Node): number | undefined {
  if (node.type === 'Slice') {
    const [left, right] = [node.left as number, node.right as number]
    if (typeof left !== 'number' || typeof right !== 'number' || left < 0 || right < 0) return undefined
    return node.isInclusive ? right + 1 : right
  }
  if (node.type === 'AccessElement' && typeof node.index === 'number' && node.index >= 0) return node.index + 1
  return undefined
}

/** The leading order terms that are stored sort fields (`publishedAt desc`, `slug.current`, …). */
export function indexableOrderKeys(args: Node[]): OrderKey[] {
  const keys: OrderKey[] = []
  for (const arg of args) {
    const desc = arg.type === 'Desc'
    const path = documentPath(arg.type === 'Desc' || arg.type === 'Asc' ? (arg.base as Node) : arg)
    const field = path?.join('.') as OrderedField | undefined
    if (!field || !ORDERED_FIELDS.includes(field)) break
    keys.push({field, desc})
  }
  return keys
}

export function orderedWalk(node: Node, context: WalkContext): Node | undefined {
  const needed = rowsNeeded(node)
  const order = node.base as Node
  if (needed === undefined || order?.type !== 'PipeFuncCall' || order.name !== 'order') return undefined
  const source = order.base as Node
  const filtered = source.type === 'Filter' && (source.base as Node).type === 'Everything'
  if (!filtered && source.type !== 'Everything') return undefined
  const keys = indexableOrderKeys(order.args as Node[])
  if (keys.length === 0) return undefined
  const expr = filtered ? withoutConstantConjuncts(source.expr as Node, context.params) : ({type: 'Value', value: true} as Node)
  // `^` would need the outer row and `*` the whole dataset: such filters are planned per row, not walked.
  if (containsNode(expr, 'Parent') || containsNode(expr, 'Everything')) return undefined

  const {view, params} = context
  const parts = conjuncts(expr)
  const {best} = planFilter(parts, view, params)
  const typeKeys = best?.plan.kind === 'lookup' && best.plan.index === 'type' ? best.plan.keys : undefined
  const single = parts.map((part) => singleType(part, params)).find((type) => type !== undefined)
  const type = single ?? (typeKeys?.length === 1 ? typeKeys[0] : undefined)
  if (best && best.count <= Math.max(walkTuning.lookupLimit, needed * 4)) return undefined
  const index = view.orderedIndex(keys, type)
  const member = membership(best?.plan, view, type)
  const range = leadingRange(parts, keys[0], index, params)
  const collected = walk(index, range, needed, member, (docs) => context.passing(expr, docs))
  if (!collected) return undefined
  collected.sort((a, b) => a.seq - b.seq)
  const candidates = {type: 'Filter', base: {type: 'Value', value: collected.map((entry) => entry.stored.doc())}, expr}
  return {...node, base: {...order, base: candidates}}
}

/** `_type == "x"` as a conjunct: the walk can use the ordered index of just that type. */
function singleType(part: Node, params: Record<string, unknown>): string | undefined {
  const inner = part.type === 'Group' ? (part.base as Node) : part
  if (inner.type !== 'OpCall' || inner.op !== '==') return undefined
  for (const [attribute, other] of [[inner.left, inner.right], [inner.right, inner.left]] as Node[][]) {
    const path = documentPath(attribute)
    const value = other.type === 'Value' ? other.value : other.type === 'Parameter' ? params[other.name as string] : undefined
    if (path?.length === 1 && path[0] === '_type' && typeof value === 'string') return value
  }
  return undefined
}

function membership(plan: ConjunctPlan | undefined, view: DocumentIndex, type: string | undefined): ((entry: IndexEntry) => boolean) | undefined {
  if (!plan || plan.kind === 'perRow') return undefined
  if (plan.kind === 'text') {
    const candidates = plan.match.candidates(view)
    return (entry) => candidates.has(entry)
  }
  if (plan.index === 'type' && plan.keys.length === 1 && plan.keys[0] === type) return undefined
  const {index, keys} = plan
  return (entry) => view.has(index, keys, entry)
}

function walk(
  index: OrderedIndex,
  range: {start: number; end: number},
  needed: number,
  member: ((entry: IndexEntry) => boolean) | undefined,
  passing: (docs: Doc[]) => Doc[] | undefined,
): IndexEntry[] | undefined {
  const collected: IndexEntry[] = []
  let position = range.start
  const test = (batch: IndexEntry[]): boolean => {
    if (batch.length === 0) return true
    const docs = batch.map((entry) => entry.stored.doc())
    const passed = passing(docs)
    if (!passed) return false
    const byDoc = new Map(docs.map((doc, i) => [doc, batch[i]]))
    for (const doc of passed) collected.push(byDoc.get(doc)!)
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
  // Finish the tie group of the last examined entry: a tied document later in the index may sort before it.
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
