/**
 * `*[filter] | order(a, b, …)[s...e]` (or `[i]`) read through an ordered index whose leading fields are the
 * leading order terms: the index is walked in order and the filter runs on each document until `e` documents
 * passed. The index sorts exactly as groq-js's `order()` does (ties by dataset order), so
 * - when every order term is indexed (a kept sort field, or an expression key such as `coalesce(a, b)`), the
 *   documents that passed are already the ordered result: sliced and handed on as a value, and a simple
 *   projection over them (`*[…] | order(…)[s...e]{_id, "slug": slug.current}`) is computed from stored keys;
 * - otherwise the walk also finishes the tie group of the last indexed value and groq-js orders the candidates.
 * A filter that compiles (`compiledExpression.ts`) is tested on rows of stored keys, without groq-js and mostly
 * without parsing; any other filter runs through groq-js in small batches. A constant indexed condition narrows
 * the walk to its members (a set test); when it holds few documents they are looked up and sorted instead.
 */
import type {DocumentIndex, IndexEntry, OrderKey} from '../store/documentIndex'
import {defineExpressionKey, OrderedIndex} from '../store/orderedIndex'
import {ORDERED_FIELDS, type SortValue} from '../store/indexKeys'
import type {Doc} from '../types'
import {compileExpression, type CompiledExpression} from './compiledExpression'
import {planFilter} from './conjunctPlan'
import {rowReader} from './documentRows'
import {lookupBeatsWalk, membership, singleType, walk, walkTuning} from './indexWalk'
import {leadingRange} from './leadingRange'
import {conjuncts, containsNode, documentPath, withoutConstantConjuncts, type Node} from './planExpressions'

export interface WalkContext {
  view: DocumentIndex
  params: Record<string, unknown>
  /** Runs a (parent-free) filter over documents with groq-js and these parameters; undefined when it cannot run synchronously. */
  passing: (expr: Node, docs: Doc[], params: Record<string, unknown>) => Doc[] | undefined
}

export {walkTuning} from './indexWalk'

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

const KEPT = new Set<string>(ORDERED_FIELDS)
const sortValue = (value: unknown): SortValue =>
  typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null

/** An order term that compiles (no parameters) becomes an expression key of the ordered indexes. */
function expressionKey(node: Node): string | undefined {
  if (containsNode(node, 'Parameter')) return undefined
  const compiled = compileExpression(node, {})
  if (!compiled) return undefined
  const name = `expr:${JSON.stringify(node)}`
  const read = rowReader(compiled.paths)
  defineExpressionKey(name, (stored) => sortValue(compiled.evaluate(read(stored))))
  return name
}

/** The leading order terms an ordered index can sort by: kept sort fields, then expression keys. */
export function indexableOrderKeys(args: Node[]): OrderKey[] {
  const keys: OrderKey[] = []
  for (const arg of args) {
    const desc = arg.type === 'Desc'
    const term = arg.type === 'Desc' || arg.type === 'Asc' ? (arg.base as Node) : arg
    const path = documentPath(term)
    const kept = path && !path.some((name) => name.includes('.')) && KEPT.has(path.join('.')) ? path.join('.') : undefined
    const field = kept ?? expressionKey(term)
    if (!field) break
    keys.push({field, desc})
  }
  return keys
}

/** How a walk reads `*[filter] | order(…)`, or undefined when it does not apply. */
interface WalkPlan {
  expr: Node
  keys: OrderKey[]
  /** Every order term is indexed: the index order is the result order. */
  exact: boolean
  filter: CompiledExpression | undefined
  needed: number
}

function walkPlan(node: Node, context: WalkContext): WalkPlan | undefined {
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
  const exact = keys.length === (order.args as Node[]).length
  return {expr, keys, exact, filter: compileExpression(expr, context.params), needed}
}

/** The ordered candidates (exact plans: the ordered result's first `needed` rows), or undefined to leave it to groq-js. */
function walkEntries(plan: WalkPlan, context: WalkContext): IndexEntry[] | undefined {
  const {view, params} = context
  const {expr, keys, exact, filter, needed} = plan
  const parts = conjuncts(expr)
  const {best} = planFilter(parts, view, params)
  const typeKeys = best?.plan.kind === 'lookup' && best.plan.index === 'type' ? best.plan.keys : undefined
  const single = parts.map((part) => singleType(part, params)).find((type) => type !== undefined)
  const type = single ?? (typeKeys?.length === 1 ? typeKeys[0] : undefined)
  const test = filter ? compiledTest(filter) : undefined
  if (exact && test && best?.plan.kind === 'lookup' && lookupBeatsWalk(best.count, needed, view, type, best.plan)) {
    // Few candidates: filter them and sort them as the index would.
    const sorted = new OrderedIndex(keys, view.lookupEntries(best.plan.index, best.plan.keys).filter(test))
    return Array.from({length: Math.min(needed, sorted.size)}, (_, i) => sorted.at(i))
  }
  if (!(exact && test) && best && best.count <= Math.max(walkTuning.lookupLimit, needed * 4)) return undefined
  const index = view.orderedIndex(keys, type)
  // A compiled filter tests the indexed conditions itself, from stored keys: no separate membership test.
  const member = test ? undefined : membership(best?.plan, view, type)
  const range = leadingRange(parts, keys[0], index, params)
  const passing = test ? (docs: IndexEntry[]) => docs.filter(test) : batchTest(expr, context)
  return walk(index, range, needed, member, passing, !exact)
}

function compiledTest(filter: CompiledExpression): (entry: IndexEntry) => boolean {
  const read = rowReader(filter.paths, {reuse: true})
  return (entry) => filter.evaluate(read(entry.stored)) === true
}

function batchTest(expr: Node, context: WalkContext): (batch: IndexEntry[]) => IndexEntry[] | undefined {
  return (batch) => {
    const docs = batch.map((entry) => entry.stored.doc())
    const passed = context.passing(expr, docs, context.params)
    if (!passed) return undefined
    const byDoc = new Map(docs.map((doc, i) => [doc, batch[i]]))
    return passed.map((doc) => byDoc.get(doc)!)
  }
}

/** Reads `*[filter] | order(…)[s...e]` (or `[i]`) through an ordered index; the node to evaluate instead. */
export function orderedWalk(node: Node, context: WalkContext): Node | undefined {
  const plan = walkPlan(node, context)
  const entries = plan && walkEntries(plan, context)
  if (!plan || !entries) return undefined
  if (plan.exact) return {type: 'Value', value: sliceOf(node, entries.map((entry) => entry.stored.doc()))}
  entries.sort((a, b) => a.seq - b.seq)
  const order = node.base as Node
  const candidates = {type: 'Filter', base: {type: 'Value', value: entries.map((entry) => entry.stored.doc())}, expr: plan.expr}
  return {...node, base: {...order, base: candidates}}
}

/**
 * `*[filter] | order(…)[s...e]{projection}` (groq-js's `Map` of a slice): when the walk is exact and the
 * projection compiles, the rows are projected from stored keys (a document is parsed only when the projection
 * reads a field the keys do not hold) and `->` is answered from the view, as groq-js's `dereference` would.
 */
export function orderedWalkProjected(node: Node, context: WalkContext): Node | undefined {
  const slice = node.base as Node
  if (slice?.type !== 'Slice') return undefined
  const plan = walkPlan(slice, context)
  const {view, params} = context
  const projection = plan?.exact ? compileExpression(node.expr as Node, params, {dereference: (id) => view.get(id) ?? null}) : undefined
  if (!plan || !projection) return undefined
  const entries = walkEntries(plan, context)
  if (!entries) return undefined
  const read = rowReader(projection.paths, {reuse: true, remember: false})
  const rows = sliceOf(slice, entries) as IndexEntry[]
  return {type: 'Value', value: rows.map((entry) => projection.evaluate(read(entry.stored)))}
}

/** groq-js's slice (or element) of an already ordered list holding at least the rows it needs. */
function sliceOf<T>(node: Node, rows: T[]): T[] | T | null {
  if (node.type === 'AccessElement') return rows[node.index as number] ?? null
  const right = (node.right as number) + (node.isInclusive ? 1 : 0)
  return rows.slice(node.left as number, right)
}
