/**
 * Makes groq-js answer `<value> match text::query(<search>)` (see `textQuery.ts`). groq-js 1 has no
 * `text::query` and no way to add a function, and its `match` refuses anything but strings (`[@, _id]` is
 * false). Its one hook that runs per row during evaluation is `dereference`, so each such `match` becomes
 *   {"_ref": <marker> + "<clause>:" + _id}->
 * and `resolve()` answers that reference: it evaluates the clause's left side on the document with that `_id`
 * (the row itself: `*[…]` filters, `score()` and projections run on dataset documents) and returns the match as
 * a boolean. Outside a document (no `_id`) the reference is null, which filters and scores treat as false.
 * The search string must not depend on the row (the Studio passes a parameter); it is parsed once per query.
 */
import {evaluateSync, type ExprNode} from 'groq-js'
import type {Node} from './planExpressions'
import {matchesTextQuery, parseTextQuery, type TextQuery} from './textQuery'

interface TextQueryClause {
  left: ExprNode
  query: TextQuery
}

export interface TextQueryRewrite {
  tree: ExprNode
  /** Answers a `dereference` of one of this rewrite's markers (the caller checks the marker prefix). */
  resolve(ref: string, documentById: (id: string) => unknown, evaluateOn: (expr: ExprNode, root: unknown) => unknown): boolean | null
}

function isTextQueryCall(node: Node): boolean {
  return node.type === 'FuncCall' && node.namespace === 'text' && node.name === 'query'
}

function searchString(call: Node, params: Record<string, unknown>): string {
  const args = call.args as Node[]
  if (args.length !== 1) throw new Error(`text::query() takes one argument (the search string), got ${args.length}`)
  const search = evaluateSync(args[0] as unknown as ExprNode, {params}).data
  if (typeof search !== 'string') {
    throw new Error('text::query() needs a string that does not depend on the row, e.g. a parameter: text::query($q)')
  }
  return search
}

/** The tree with every `x match text::query(s)` replaced by a marked per-row reference; the tree itself when none. */
export function rewriteTextQueries(tree: ExprNode, params: Record<string, unknown>, marker: string): TextQueryRewrite {
  const clauses: TextQueryClause[] = []
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit)
    if (!node || typeof node !== 'object') return node
    const current = node as Node
    if (current.type === 'OpCall' && current.op === 'match' && isTextQueryCall(current.right as Node)) {
      clauses.push({left: visit(current.left) as ExprNode, query: parseTextQuery(searchString(current.right as Node, params))})
      const ref = {type: 'OpCall', op: '+', left: {type: 'Value', value: `${marker}${clauses.length - 1}:`}, right: {type: 'AccessAttribute', name: '_id'}}
      return {type: 'Deref', base: {type: 'Object', attributes: [{type: 'ObjectAttributeValue', name: '_ref', value: ref}]}}
    }
    let changed = false
    const copy: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(current)) {
      copy[key] = visit(value)
      if (copy[key] !== value) changed = true
    }
    return changed ? copy : node
  }
  const rewritten = visit(tree) as ExprNode
  return {
    tree: rewritten,
    resolve(ref, documentById, evaluateOn) {
      const payload = ref.slice(marker.length)
      const separator = payload.indexOf(':')
      const clause = clauses[Number(payload.slice(0, separator))]
      const document = documentById(payload.slice(separator + 1))
      if (!clause || !document) return null
      return matchesTextQuery(evaluateOn(clause.left, document), clause.query)
    },
  }
}
