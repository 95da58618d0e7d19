/**
 * Index-backed query planning. groq-js parses a query into plain data; wherever a `*[...]` filter is a
 * conjunction containing an indexed condition with a constant value (`_type == "x"`, `_type in [...]`,
 * `_id == $id`, `_id in $ids`, `slug.current == $slug`, `references($id)`), the `*` base is replaced by a
 * constant array of just the candidate documents. The full filter is kept, and the `*` inside filters and
 * projections still means the whole dataset, so the index narrows the scan but never changes a result.
 */
import type {ExprNode} from 'groq-js'
import type {DocumentIndex} from './documentIndex'
import type {Doc} from './types'

type Node = {type: string; [key: string]: unknown}
type Plan = {index: 'id' | 'type' | 'slug' | 'references'; keys: string[]}

const NOT_CONSTANT = Symbol('not constant')

function constantValue(node: Node, params: Record<string, unknown>): unknown {
  switch (node.type) {
    case 'Value':
      return node.value
    case 'Parameter':
      return params[node.name as string]
    case 'Group':
      return constantValue(node.base as Node, params)
    case 'Array': {
      const values: unknown[] = []
      for (const element of node.elements as Node[]) {
        if (element.isSplat) return NOT_CONSTANT
        const value = constantValue(element.value as Node, params)
        if (value === NOT_CONSTANT) return NOT_CONSTANT
        values.push(value)
      }
      return values
    }
    default:
      return NOT_CONSTANT
  }
}

/** `_type`, `@._type`, `slug.current`, `@.slug.current` → the index that answers equality on it. */
function indexedAttribute(node: Node): Plan['index'] | undefined {
  if (node.type !== 'AccessAttribute') return undefined
  const base = node.base as Node | undefined
  const onDocument = !base || base.type === 'This'
  if (onDocument && node.name === '_type') return 'type'
  if (onDocument && node.name === '_id') return 'id'
  if (node.name === 'current' && base?.type === 'AccessAttribute' && base.name === 'slug') {
    const slugBase = base.base as Node | undefined
    if (!slugBase || slugBase.type === 'This') return 'slug'
  }
  return undefined
}

const allStrings = (values: unknown): values is string[] => Array.isArray(values) && values.every((v) => typeof v === 'string')

function planFor(node: Node, params: Record<string, unknown>): Plan | undefined {
  if (node.type === 'Group') return planFor(node.base as Node, params)
  if (node.type === 'OpCall' && node.op === '==') {
    for (const [attribute, other] of [
      [node.left, node.right],
      [node.right, node.left],
    ] as Node[][]) {
      const index = indexedAttribute(attribute)
      const value = index && constantValue(other, params)
      if (index && typeof value === 'string') return {index, keys: [value]}
    }
  }
  if (node.type === 'OpCall' && node.op === 'in') {
    const index = indexedAttribute(node.left as Node)
    const values = index && constantValue(node.right as Node, params)
    if (index && allStrings(values)) return {index, keys: values}
  }
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'references') {
    const keys: string[] = []
    for (const arg of node.args as Node[]) {
      const value = constantValue(arg, params)
      if (value === NOT_CONSTANT) return undefined
      // Same coercion as groq-js: strings, and strings inside arrays; anything else is ignored.
      if (typeof value === 'string') keys.push(value)
      else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') keys.push(v)
    }
    return {index: 'references', keys}
  }
  return undefined
}

function conjuncts(node: Node, into: Node[] = []): Node[] {
  if (node.type === 'And') {
    conjuncts(node.left as Node, into)
    conjuncts(node.right as Node, into)
  } else if (node.type === 'Group' && (node.base as Node).type === 'And') {
    conjuncts(node.base as Node, into)
  } else {
    into.push(node)
  }
  return into
}

/** The candidate documents for a filter, from its most selective indexed conjunct; undefined means "scan". */
export function candidatesFor(filter: Node, index: DocumentIndex, params: Record<string, unknown>): Doc[] | undefined {
  let best: Plan | undefined
  let bestCount = Infinity
  for (const conjunct of conjuncts(filter)) {
    const plan = planFor(conjunct, params)
    if (!plan) continue
    const count = index.count(plan.index, plan.keys)
    if (count < bestCount) [best, bestCount] = [plan, count]
  }
  if (!best) return undefined
  return best.index === 'id' ? index.byIds(best.keys) : index.lookup(best.index, best.keys)
}

/** Returns the tree with every indexable `*[...]` reading only its candidates; untouched subtrees are shared. */
export function rewriteWithIndexes(tree: ExprNode, index: DocumentIndex, params: Record<string, unknown>): ExprNode {
  return rewrite(tree as Node, index, params) as ExprNode
}

function rewrite(node: Node, index: DocumentIndex, params: Record<string, unknown>): Node {
  if (node.type === 'Value') return node
  let copy: Node | undefined
  for (const [key, child] of Object.entries(node)) {
    let next: unknown = child
    if (Array.isArray(child)) {
      const mapped = child.map((item) => (isNode(item) ? rewrite(item, index, params) : item))
      if (mapped.some((item, i) => item !== child[i])) next = mapped
    } else if (isNode(child)) {
      next = rewrite(child, index, params)
    }
    if (next !== child) (copy ??= {...node})[key] = next
  }
  const result = copy ?? node
  if (result.type === 'Filter' && (result.base as Node).type === 'Everything') {
    const candidates = candidatesFor(result.expr as Node, index, params)
    if (candidates) return {...result, base: {type: 'Value', value: candidates}}
  }
  return result
}

function isNode(value: unknown): value is Node {
  return !!value && typeof value === 'object' && typeof (value as Node).type === 'string'
}
