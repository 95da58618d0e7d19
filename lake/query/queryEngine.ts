/**
 * Runs GROQ over one perspective view with groq-js: parses once per query string (slices with `$params` need
 * the parameters inlined, so those are cached per parameter set), rewrites `*[...]` filters to read index
 * candidates, and answers `->` and per-row index lookups through groq-js's `dereference` hook.
 */
import {evaluate, parse, type ExprNode} from 'groq-js'
import type {DocumentIndex} from '../store/documentIndex'
import {parseDynamicPayload} from './dynamicLookup'
import {rewriteWithIndexes} from './queryRewrite'
import {randomId} from '../store/transaction'

const PARSE_CACHE_LIMIT = 500

export class QueryEngine {
  private readonly parseCache = new Map<string, ExprNode>()
  /** Query strings that only parse with their parameters inlined (slices with `$param` bounds). */
  private readonly needsParams = new Set<string>()
  /** Marks per-row index lookups passed through `dereference`; random, so no stored `_ref` can collide with it. */
  private readonly dynamicPrefix = `\u0000lake-${randomId()}:`

  async run(view: DocumentIndex, query: string, params: Record<string, unknown>): Promise<unknown> {
    const prefix = this.dynamicPrefix
    const tree = rewriteWithIndexes(this.parsed(query, params), view, params, prefix)
    const value = await evaluate(tree, {
      dataset: view.documents(),
      params,
      dereference: ({_ref}) => {
        if (!_ref.startsWith(prefix)) return view.get(_ref) ?? null
        const {index, keys} = parseDynamicPayload(_ref.slice(prefix.length))
        return view.dynamicLookup(index, keys) as never
      },
    })
    return value.get()
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
    const key = `${query}\u0000${JSON.stringify(params)}`
    const withParams = this.parseCache.get(key)
    if (withParams) return withParams
    const tree = parse(query, {params})
    this.remember(key, tree)
    return tree
  }

  private remember(key: string, tree: ExprNode): void {
    if (this.parseCache.size >= PARSE_CACHE_LIMIT) this.parseCache.clear()
    this.parseCache.set(key, tree)
  }
}
