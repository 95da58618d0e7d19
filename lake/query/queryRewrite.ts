/**
 * Index-backed query planning. groq-js parses a query into plain data; wherever a `*[...]` filter is a
 * conjunction containing an indexed condition with a constant value (`_type == "x"`, `_type in [...]`,
 * `_id == $id`, `_id in $ids`, `slug.current == $slug`, `references($id)`), the `*` base is replaced by a
 * constant array of just the candidate documents. The full filter is kept, and the `*` inside filters and
 * projections still means the whole dataset, so the index narrows the scan but never changes a result.
 */
import type {ExprNode} from 'groq-js'
import {FIELD_REF_JOINER, type DocumentIndex} from '../store/documentIndex'
import {dynamicCandidatesNode, isOuterOnly} from './dynamicLookup'
import type {Doc} from '../types'

type Node = {type: string; [key: string]: unknown}
type Plan = {index: 'id' | 'type' | 'slug' | 'references' | 'fieldRef'; keys: string[]}
type DynamicPlan = {index: Plan['index']; base: Node}

/** A constant plan this small beats a per-row lookup (which evaluates its key once per outer row, not per candidate). */
const SMALL_CANDIDATE_SET = 4
const DYNAMIC_PREFERENCE: Plan['index'][] = ['id', 'slug', 'fieldRef', 'references', 'type']

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

/** `section._ref` (or `@.section._ref`) → the top-level field name, answered by the `fieldRef` index. */
function referenceField(node: Node): string | undefined {
  if (node.type !== 'AccessAttribute' || node.name !== '_ref') return undefined
  const field = node.base as Node | undefined
  if (field?.type !== 'AccessAttribute') return undefined
  const root = field.base as Node | undefined
  return !root || root.type === 'This' ? (field.name as string) : undefined
}

/**
 * Whether an expression is the same boolean for every document (params and literals only): lets
 * `!defined($section) || section._ref == $section` plan on its right side when `$section` is set.
 * Returns true/false, or undefined when not constant or not a boolean.
 */
function constantBoolean(node: Node, params: Record<string, unknown>): boolean | undefined {
  switch (node.type) {
    case 'Group':
      return constantBoolean(node.base as Node, params)
    case 'Not': {
      const inner = constantBoolean(node.base as Node, params)
      return inner === undefined ? undefined : !inner
    }
    case 'Value':
      return typeof node.value === 'boolean' ? node.value : undefined
    case 'FuncCall': {
      if (node.namespace !== 'global' || node.name !== 'defined' || (node.args as Node[]).length !== 1) return undefined
      const value = constantValue((node.args as Node[])[0], params)
      return value === NOT_CONSTANT ? undefined : value !== null && value !== undefined
    }
    default:
      return undefined
  }
}

const allStrings = (values: unknown): values is string[] => Array.isArray(values) && values.every((v) => typeof v === 'string')

function planFor(node: Node, params: Record<string, unknown>): Plan | undefined {
  if (node.type === 'Group') return planFor(node.base as Node, params)
  // `X || Y` can only be true through Y when X is constantly false (and vice versa).
  if (node.type === 'Or') {
    if (constantBoolean(node.left as Node, params) === false) return planFor(node.right as Node, params)
    if (constantBoolean(node.right as Node, params) === false) return planFor(node.left as Node, params)
    return undefined
  }
  if (node.type === 'And') {
    return planFor(node.left as Node, params) ?? planFor(node.right as Node, params)
  }
  if (node.type === 'OpCall' && node.op === '==') {
    for (const [attribute, other] of [
      [node.left, node.right],
      [node.right, node.left],
    ] as Node[][]) {
      const index = indexedAttribute(attribute)
      const value = constantValue(other, params)
      if (index && typeof value === 'string') return {index, keys: [value]}
      const field = referenceField(attribute)
      if (field !== undefined && typeof value === 'string') return {index: 'fieldRef', keys: [field + FIELD_REF_JOINER + value]}
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

function dynamicPlanFor(node: Node, prefix: string): DynamicPlan | undefined {
  if (node.type === 'Group') return dynamicPlanFor(node.base as Node, prefix)
  if (node.type === 'OpCall' && node.op === '==') {
    for (const [attribute, other] of [
      [node.left, node.right],
      [node.right, node.left],
    ] as Node[][]) {
      const index = indexedAttribute(attribute)
      if (index && isOuterOnly(other)) return {index, base: dynamicCandidatesNode(prefix, index, other, 'string')}
      const field = referenceField(attribute)
      if (field !== undefined && isOuterOnly(other)) {
        return {index: 'fieldRef', base: dynamicCandidatesNode(prefix, 'fieldRef', other, 'string', field + FIELD_REF_JOINER)}
      }
    }
  }
  if (node.type === 'OpCall' && node.op === 'in') {
    const index = indexedAttribute(node.left as Node)
    if (index && isOuterOnly(node.right as Node)) return {index, base: dynamicCandidatesNode(prefix, index, node.right as Node, 'array')}
  }
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'references') {
    const args = node.args as Node[]
    if (args.length === 1 && isOuterOnly(args[0])) return {index: 'references', base: dynamicCandidatesNode(prefix, 'references', args[0], 'either')}
  }
  return undefined
}

/**
 * A filter keeps a document only when its expression is `true`, so at the top level of a filter a conjunct that
 * is constantly true can go, and `false || X` can become `X`: optional filters like `(!defined($tag) || $tag in
 * tags)` then cost nothing per document when `$tag` is unset.
 */
function withoutConstantConjuncts(expr: Node, params: Record<string, unknown>): Node {
  const parts = conjuncts(expr)
  let changed = false
  const kept: Node[] = []
  for (const part of parts) {
    const simplified = simplifyOr(part, params)
    if (constantBoolean(simplified, params) === true) {
      changed = true
      continue
    }
    if (simplified !== part) changed = true
    kept.push(simplified)
  }
  if (!changed) return expr
  if (kept.length === 0) return {type: 'Value', value: true}
  return kept.reduce((left, right) => ({type: 'And', left, right}))
}

function simplifyOr(node: Node, params: Record<string, unknown>): Node {
  const inner = node.type === 'Group' ? (node.base as Node) : node
  if (inner.type !== 'Or') return node
  const [left, right] = [constantBoolean(inner.left as Node, params), constantBoolean(inner.right as Node, params)]
  if (left === true || right === true) return {type: 'Value', value: true}
  if (left === false) return simplifyOr(inner.right as Node, params)
  if (right === false) return simplifyOr(inner.left as Node, params)
  return node
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

/**
 * The new base for a filter: the candidates of its most selective constant indexed conjunct, or a per-row
 * lookup (when `dynamicPrefix` is given) for conjuncts like `references(^._id)`; undefined means "scan".
 */
export function candidatesFor(filter: Node, index: DocumentIndex, params: Record<string, unknown>, dynamicPrefix?: string): Node | undefined {
  let best: Plan | undefined
  let bestCount = Infinity
  let dynamic: DynamicPlan | undefined
  for (const conjunct of conjuncts(filter)) {
    const plan = planFor(conjunct, params)
    if (plan) {
      const count = index.count(plan.index, plan.keys)
      if (count < bestCount) [best, bestCount] = [plan, count]
      continue
    }
    const perRow = dynamicPrefix === undefined ? undefined : dynamicPlanFor(conjunct, dynamicPrefix)
    if (perRow && (!dynamic || DYNAMIC_PREFERENCE.indexOf(perRow.index) < DYNAMIC_PREFERENCE.indexOf(dynamic.index))) dynamic = perRow
  }
  const useDynamic = dynamic && (!best || (bestCount > SMALL_CANDIDATE_SET && dynamic.index !== 'type'))
  if (useDynamic) return dynamic!.base
  if (!best) return undefined
  const docs: Doc[] = best.index === 'id' ? index.byIds(best.keys) : index.lookup(best.index, best.keys)
  return {type: 'Value', value: docs}
}

/** Returns the tree with every indexable `*[...]` reading only its candidates; untouched subtrees are shared. */
export function rewriteWithIndexes(
  tree: ExprNode,
  index: DocumentIndex,
  params: Record<string, unknown>,
  dynamicPrefix?: string,
): ExprNode {
  return rewrite(tree as Node, index, params, dynamicPrefix) as ExprNode
}

function rewrite(node: Node, index: DocumentIndex, params: Record<string, unknown>, prefix: string | undefined): Node {
  if (node.type === 'Value') return node
  let copy: Node | undefined
  for (const [key, child] of Object.entries(node)) {
    let next: unknown = child
    if (Array.isArray(child)) {
      const mapped = child.map((item) => (isNode(item) ? rewrite(item, index, params, prefix) : item))
      if (mapped.some((item, i) => item !== child[i])) next = mapped
    } else if (isNode(child)) {
      next = rewrite(child, index, params, prefix)
    }
    if (next !== child) (copy ??= {...node})[key] = next
  }
  const result = copy ?? node
  if (result.type === 'Filter' && (result.base as Node).type === 'Everything') {
    const base = candidatesFor(result.expr as Node, index, params, prefix)
    const expr = withoutConstantConjuncts(result.expr as Node, params)
    if (base || expr !== result.expr) return {...result, base: base ?? result.base, expr}
  }
  return result
}

function isNode(value: unknown): value is Node {
  return !!value && typeof value === 'object' && typeof (value as Node).type === 'string'
}
