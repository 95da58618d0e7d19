/**
 * The one planner for filter conditions. Each indexed condition shape (`_type == x`, `_id in x`,
 * `slug.current == x`, `<field>._ref == x`, `references(x)`, `field match x`) is recognised once; its key
 * expression then decides how it is answered: a constant key (literal or parameter) is looked up before
 * evaluation, a key that only depends on outer scopes (`references(^._id)`) becomes a per-row lookup through
 * groq-js's `dereference` hook (`dynamicLookup.ts`). The full filter always still runs on the candidates.
 */
import {FIELD_REF_JOINER} from '../store/documentKeys'
import type {DocumentIndex, IndexName} from '../store/documentIndex'
import {dynamicCandidatesNode, isOuterOnly} from './dynamicLookup'
import {constantBoolean, constantValue, NOT_CONSTANT, type Node} from './planExpressions'
import {textMatchOf, type TextMatch} from './textMatch'

export type LookupIndex = IndexName | 'id'

export type ConjunctPlan =
  | {kind: 'lookup'; index: LookupIndex; keys: string[]}
  | {kind: 'perRow'; index: LookupIndex; base: Node}
  | {kind: 'text'; match: TextMatch}

/** An indexed condition: which index answers it, the expression giving its key(s), and that key's shape. */
interface IndexedCondition {
  index: LookupIndex
  key: Node
  keyIs: 'string' | 'array' | 'either'
  keyPrefix: string
}

/** `_type`, `_id`, `slug.current` (on the document, `@.` allowed) → the index answering equality on it. */
function indexedAttribute(node: Node): LookupIndex | undefined {
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

function indexedConditions(node: Node): IndexedCondition[] {
  if (node.type === 'OpCall' && node.op === '==') {
    const found: IndexedCondition[] = []
    for (const [attribute, other] of [[node.left, node.right], [node.right, node.left]] as Node[][]) {
      const index = indexedAttribute(attribute)
      if (index) found.push({index, key: other, keyIs: 'string', keyPrefix: ''})
      const field = referenceField(attribute)
      if (field !== undefined) found.push({index: 'fieldRef', key: other, keyIs: 'string', keyPrefix: field + FIELD_REF_JOINER})
    }
    return found
  }
  if (node.type === 'OpCall' && node.op === 'in') {
    const index = indexedAttribute(node.left as Node)
    return index ? [{index, key: node.right as Node, keyIs: 'array', keyPrefix: ''}] : []
  }
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'references' && (node.args as Node[]).length === 1) {
    return [{index: 'references', key: (node.args as Node[])[0], keyIs: 'either', keyPrefix: ''}]
  }
  return []
}

/** Keys of a constant key value, with groq-js's coercions; undefined when the condition can match nothing indexed. */
function constantKeys(condition: IndexedCondition, value: unknown): string[] | undefined {
  const strings = (values: unknown[]) => values.filter((v): v is string => typeof v === 'string')
  if (condition.keyIs === 'string') return typeof value === 'string' ? [condition.keyPrefix + value] : undefined
  if (condition.keyIs === 'array') return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined
  // references(): strings, and strings inside arrays; anything else is ignored.
  return typeof value === 'string' ? [value] : Array.isArray(value) ? strings(value) : []
}

/** How one conjunct can narrow the scan; `dynamicPrefix` enables per-row lookups. */
export function planConjunct(node: Node, params: Record<string, unknown>, dynamicPrefix?: string): ConjunctPlan | undefined {
  if (node.type === 'Group') return planConjunct(node.base as Node, params, dynamicPrefix)
  if (node.type === 'Or') {
    if (constantBoolean(node.left as Node, params) === false) return constantOnly(planConjunct(node.right as Node, params))
    if (constantBoolean(node.right as Node, params) === false) return constantOnly(planConjunct(node.left as Node, params))
    return undefined
  }
  if (node.type === 'And') {
    return constantOnly(planConjunct(node.left as Node, params)) ?? constantOnly(planConjunct(node.right as Node, params))
  }
  if (node.type === 'FuncCall' && node.name === 'references' && (node.args as Node[]).length > 1) {
    const keys: string[] = []
    for (const arg of node.args as Node[]) {
      const value = constantValue(arg, params)
      if (value === NOT_CONSTANT) return undefined
      keys.push(...constantKeys({index: 'references', key: arg, keyIs: 'either', keyPrefix: ''}, value)!)
    }
    return {kind: 'lookup', index: 'references', keys}
  }
  const text = textMatchOf(node, params)
  if (text) return {kind: 'text', match: text}
  let perRow: ConjunctPlan | undefined
  for (const condition of indexedConditions(node)) {
    const value = constantValue(condition.key, params)
    if (value !== NOT_CONSTANT) {
      const keys = constantKeys(condition, value)
      if (keys) return {kind: 'lookup', index: condition.index, keys}
      continue
    }
    if (dynamicPrefix !== undefined && !perRow && isOuterOnly(condition.key)) {
      const base = dynamicCandidatesNode(dynamicPrefix, condition.index, condition.key, condition.keyIs, condition.keyPrefix)
      perRow = {kind: 'perRow', index: condition.index, base}
    }
  }
  return perRow
}

const constantOnly = (plan: ConjunctPlan | undefined) => (plan?.kind === 'lookup' ? plan : undefined)

/** A constant plan this small beats a per-row lookup (which evaluates its key once per outer row, not per candidate). */
const SMALL_CANDIDATE_SET = 4
const PER_ROW_PREFERENCE: LookupIndex[] = ['id', 'slug', 'fieldRef', 'references', 'type']

export interface FilterPlan {
  /** The most selective constant lookup (or text match), with its candidate count. */
  best?: {plan: Extract<ConjunctPlan, {kind: 'lookup' | 'text'}>; count: number}
  perRow?: Extract<ConjunctPlan, {kind: 'perRow'}>
}

export function planFilter(conjunctNodes: Node[], view: DocumentIndex, params: Record<string, unknown>, dynamicPrefix?: string): FilterPlan {
  const result: FilterPlan = {}
  for (const conjunct of conjunctNodes) {
    const plan = planConjunct(conjunct, params, dynamicPrefix)
    if (!plan) continue
    if (plan.kind === 'perRow') {
      if (!result.perRow || PER_ROW_PREFERENCE.indexOf(plan.index) < PER_ROW_PREFERENCE.indexOf(result.perRow.index)) result.perRow = plan
      continue
    }
    const count = plan.kind === 'text' ? plan.match.candidates(view).size : view.count(plan.index, plan.keys)
    if (!result.best || count < result.best.count) result.best = {plan, count}
  }
  return result
}

/** Whether the per-row lookup should replace the best constant lookup. */
export function prefersPerRow(plan: FilterPlan): boolean {
  return !!plan.perRow && (!plan.best || (plan.best.count > SMALL_CANDIDATE_SET && plan.perRow.index !== 'type'))
}
