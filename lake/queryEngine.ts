/**
 * Runs GROQ over one perspective view with groq-js: parses once per query string (slices with `$params` need
 * the parameters inlined, so those are cached per parameter set), rewrites `*[...]` filters to read index
 * candidates, and answers `->` and per-row index lookups through groq-js's `dereference` hook.
 */
import {evaluate, parse, type ExprNode} from 'groq-js'
import type {DocumentIndex} from './documentIndex'
import {parseDynamicPayload} from './dynamicLookup'
import {rewriteWithIndexes} from './queryRewrite'
import {randomId} from './transaction'

const PARSE_CACHE_LIMIT = 500

export class QueryEngine {
  private readonly parseCache = new Map<string, ExprNode>()
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
    let tree: ExprNode
    try {
      tree = parse(query)
    } catch (error) {
      // Slices need constant bounds: a query like `[0...$limit]` only parses with its parameters inlined.
      const key = `${query}\u0000${JSON.stringify(params)}`
      const withParams = this.parseCache.get(key)
      if (withParams) return withParams
      try {
        tree = parse(query, {params})
      } catch {
        throw error
      }
      this.remember(key, tree)
      return tree
    }
    this.remember(query, tree)
    return tree
  }

  private remember(key: string, tree: ExprNode): void {
    if (this.parseCache.size >= PARSE_CACHE_LIMIT) this.parseCache.clear()
    this.parseCache.set(key, tree)
  }
}
