/**
 * Index-backed query planning. groq-js parses a query into plain data; this walks the tree once and
 * - reads `*[filter] | order(…)[s...e]` through an ordered index when its leading order terms are indexed
 *   (`orderedWalk.ts`): only the rows the slice needs are filtered, and when every term is indexed the slice
 *   (and a simple projection of it, from stored keys) is the result;
 * - reads `*[… match …] | score(…) | order(_score desc, …)[s...e]` best score bound first (`scoredWalk.ts`);
 * - replaces the `*` of any other `*[filter]` with just the candidates of its most selective indexed conjunct
 *   (`conjunctPlan.ts`: `_type`, `_id`, `slug.current`, `<field>._ref`, `references()`, `match`), or with a
 *   per-row lookup when the key comes from an outer scope (`references(^._id)`).
 * The full filter is always kept, and a `*` inside filters and projections still means the whole dataset, so
 * an index narrows the scan but never changes a result.
 */
import type {ExprNode} from 'groq-js'
import type {DocumentIndex} from '../store/documentIndex'
import type {Doc} from '../types'
import {planFilter, prefersPerRow} from './conjunctPlan'
import {orderedWalk, orderedWalkProjected, type WalkContext} from './orderedWalk'
import {scoredWalk, type ScoreContext} from './scoredWalk'
import {perRowWalkBase, type PerRowWalk} from './perRowWalk'
import {conjuncts, withoutConstantConjuncts, type Node} from './planExpressions'

export interface RewriteOptions {
  /** Marks per-row lookups answered through `dereference` (see `dynamicLookup.ts`); without it none are planned. */
  dynamicPrefix?: string
  /** Runs a filter over documents synchronously (groq-js); enables ordered walks. */
  passing?: WalkContext['passing']
  /** Filters and scores documents synchronously (groq-js); enables score-ordered walks over text indexes. */
  scored?: ScoreContext['scored']
  /** Registers a walk answered through `dereference` (`perRowWalk.ts`); enables ordered walks keyed by outer rows. */
  perRowWalk?: (walk: PerRowWalk) => number
}

/** The new base for a filter: its candidates, a per-row lookup, or undefined for "scan". */
export function candidatesFor(filter: Node, view: DocumentIndex, params: Record<string, unknown>, dynamicPrefix?: string): Node | undefined {
  const plan = planFilter(conjuncts(filter), view, params, dynamicPrefix)
  if (prefersPerRow(plan)) return plan.perRow!.base
  const best = plan.best?.plan
  if (!best) return undefined
  const entries =
    best.kind === 'text'
      ? [...best.match.candidates(view).keys()].sort((a, b) => a.seq - b.seq)
      : view.lookupEntries(best.index, best.keys)
  const docs: Doc[] = entries.map((entry) => entry.stored.doc())
  return {type: 'Value', value: docs}
}

/** Returns the tree with every indexable `*[...]` reading only its candidates; untouched subtrees are shared. */
export function rewriteWithIndexes(
  tree: ExprNode,
  view: DocumentIndex,
  params: Record<string, unknown>,
  options: RewriteOptions | string = {},
): ExprNode {
  const resolved = typeof options === 'string' ? {dynamicPrefix: options} : options
  return rewrite(tree as Node, view, params, resolved) as ExprNode
}

function rewrite(node: Node, view: DocumentIndex, params: Record<string, unknown>, options: RewriteOptions): Node {
  if (node.type === 'Value') return node
  if (options.scored && node.type === 'Slice') {
    const walked = scoredWalk(node, {view, params, scored: options.scored})
    if (walked) return walked
  }
  if (options.passing && node.type === 'Map') {
    const walked = orderedWalkProjected(node, {view, params, passing: options.passing})
    if (walked) return walked
  }
  if (options.passing && (node.type === 'Slice' || node.type === 'AccessElement')) {
    const walked = orderedWalk(node, {view, params, passing: options.passing})
    if (walked) return walked
  }
  let copy: Node | undefined
  for (const [key, child] of Object.entries(node)) {
    let next: unknown = child
    if (Array.isArray(child)) {
      const mapped = child.map((item) => (isNode(item) ? rewrite(item, view, params, options) : item))
      if (mapped.some((item, i) => item !== child[i])) next = mapped
    } else if (isNode(child)) {
      next = rewrite(child, view, params, options)
    }
    if (next !== child) (copy ??= {...node})[key] = next
  }
  const result = copy ?? node
  if (options.passing && options.perRowWalk && options.dynamicPrefix !== undefined && (node.type === 'Slice' || node.type === 'AccessElement')) {
    const context = {view, params, passing: options.passing}
    const base = perRowWalkBase(node, context, options.dynamicPrefix, options.perRowWalk, result.base as Node)
    if (base) return {...result, base}
  }
  if (result.type === 'Filter' && (result.base as Node).type === 'Everything') {
    const expr = withoutConstantConjuncts(result.expr as Node, params)
    const base = candidatesFor(expr, view, params, options.dynamicPrefix)
    if (base || expr !== result.expr) return {...result, base: base ?? result.base, expr}
  }
  return result
}

function isNode(value: unknown): value is Node {
  return !!value && typeof value === 'object' && typeof (value as Node).type === 'string'
}
