/**
 * Runs GROQ over one perspective view with groq-js: parses once per query string (slices with `$params` need
 * the parameters inlined, so those are cached per parameter set), plans it against the view's indexes
 * (`queryRewrite.ts`), and answers `->` and per-row index lookups through groq-js's `dereference` hook.
 * Evaluation is synchronous when groq-js can do it (every query this project registers): the asynchronous
 * evaluator awaits every value, which costs more than the work itself on small candidate sets.
 */
import {evaluate, evaluateSync, parse, type ExprNode} from 'groq-js'
import type {DocumentIndex} from '../store/documentIndex'
import type {Doc} from '../types'
import {parseDynamicPayload} from './dynamicLookup'
import {parseWalkPayload, type PerRowWalk} from './perRowWalk'
import {containsNode, type Node} from './planExpressions'
import {rewriteWithIndexes} from './queryRewrite'
import {randomId} from '../store/transaction'
import {rewriteTextQueries} from './textQueryRewrite'

const PARSE_CACHE_LIMIT = 500

/** `*`, and `releases::all()`, which groq-js evaluates as a filter over `*`. */
function readsDataset(tree: Node): boolean {
  if (containsNode(tree, 'Everything')) return true
  return JSON.stringify(tree, (key, value) => (key === 'value' ? undefined : value)).includes('"namespace":"releases"')
}

export class QueryEngine {
  private readonly parseCache = new Map<string, ExprNode>()
  /** Query strings that only parse with their parameters inlined (slices with `$param` bounds). */
  private readonly needsParams = new Set<string>()
  /** Marks per-row index lookups passed through `dereference`; random, so no stored `_ref` can collide with it. */
  private readonly dynamicPrefix = `\u0000lake-${randomId()}:`
  /** Marks `match text::query()` clauses answered through `dereference` (E11's hook, see textQueryRewrite.ts). */
  private readonly textQueryPrefix = `\u0000text-${randomId()}:`

  async run(view: DocumentIndex, query: string, params: Record<string, unknown>): Promise<unknown> {
    const prefix = this.dynamicPrefix
    // --- text::query hook (E11): `x match text::query(s)` becomes a marked per-row reference, answered here. ---
    const textQueries = rewriteTextQueries(this.parsed(query, params), params, this.textQueryPrefix)
    const evaluateOn = (expr: ExprNode, root: unknown) => evaluateSync(expr, {root, params, dereference}).data
    const dereference = ({_ref}: {_ref: string}) => {
      if (_ref.startsWith(this.textQueryPrefix)) return textQueries.resolve(_ref, (id) => view.get(id), evaluateOn) as never
      // --- end of the text::query hook ---
      if (!_ref.startsWith(prefix)) return view.get(_ref) ?? null
      if (_ref.startsWith(`${prefix}walk:`)) {
        const {walk, values} = parseWalkPayload(_ref.slice(prefix.length + 5))
        return (walks[walk]?.(values) ?? null) as never
      }
      const {index, keys} = parseDynamicPayload(_ref.slice(prefix.length))
      return (index === 'all' ? view.documents() : view.dynamicLookup(index, keys)) as never
    }
    const passing = (expr: Node, docs: Doc[], walkParams: Record<string, unknown>): Doc[] | undefined => {
      try {
        const filter = {type: 'Filter', base: {type: 'Value', value: docs}, expr} as unknown as ExprNode
        return evaluateSync(filter, {params: walkParams, dereference}).data as Doc[]
      } catch {
        return undefined
      }
    }
    const scored = (expr: Node, args: Node[], docs: Doc[]): Map<string, number> | undefined => {
      try {
        const filter = {type: 'Filter', base: {type: 'Value', value: docs}, expr}
        const tree = {type: 'PipeFuncCall', name: 'score', args, base: filter} as unknown as ExprNode
        const rows = evaluateSync(tree, {params, dereference}).data as {_id: string; _score: number}[]
        return new Map(rows.map((row) => [row._id, row._score]))
      } catch {
        return undefined
      }
    }
    const walks: PerRowWalk[] = []
    const perRowWalk = (walk: PerRowWalk) => walks.push(walk) - 1
    const tree = rewriteWithIndexes(textQueries.tree, view, params, {dynamicPrefix: prefix, passing, scored, perRowWalk})
    // The whole dataset is only materialised (every document parsed) when a scan is left in the plan.
    const options = {dataset: readsDataset(tree as unknown as Node) ? view.documents() : [], params, dereference}
    try {
      return evaluateSync(tree, options).get()
    } catch {
      // Functions groq-js only evaluates asynchronously (and genuine errors, which the asynchronous run reports).
      return (await evaluate(tree, options)).get()
    }
  }

  private parsed(query: string, params: Record<string, unknown>): ExprNode {
    const cached = this.parseCache.get(query)
    if (cached) return cached
    // Slices need constant bounds: a query like `[0...$limit]` only parses with its parameters inlined, so it
    // is cached per parameter set; remembering that it needs them spares a failing parse on every call.
    if (!this.needsParams.has(query)) {
      try {
        const tree = parse(query)
        this.remember(query, tree)
        return tree
      } catch (error) {
        try {
          parse(query, {params})
        } catch {
          throw error
        }
        this.needsParams.add(query)
      }
    }
    // Slice bounds are numbers: parsing with only the numeric parameters inlined leaves the others as parameters
    // (evaluated from the same values), so one tree serves every company or cursor a list is asked for.
    const numeric = Object.entries(params).filter(([, value]) => typeof value === 'number').sort(([a], [b]) => (a < b ? -1 : 1))
    const numericKey = `${query}\u0000${JSON.stringify(numeric)}`
    const known = this.parseCache.get(numericKey) ?? this.parseCache.get(`${query}\u0000${JSON.stringify(params)}`)
    if (known) return known
    try {
      const tree = parse(query, {params: Object.fromEntries(numeric)})
      this.remember(numericKey, tree)
      return tree
    } catch {
      const tree = parse(query, {params})
      this.remember(`${query}\u0000${JSON.stringify(params)}`, tree)
      return tree
    }
  }

  private remember(key: string, tree: ExprNode): void {
    if (this.parseCache.size >= PARSE_CACHE_LIMIT) this.parseCache.clear()
    this.parseCache.set(key, tree)
  }
}
