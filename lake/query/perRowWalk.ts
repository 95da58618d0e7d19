/**
 * Ordered reads whose filter takes its keys from the outer row, the sub-lists of every page query:
 *   *[_type == "article" && references(^._id) && defined(publishedAt)] | order(publishedAt desc, _id desc)[0...20]
 * Each outer-only part that mentions `^` (here `^._id`) becomes a parameter, so the filter is an ordinary one
 * per outer row: planned, compiled and walked like a top-level ordered read (`orderedWalk.ts`), reading only the
 * rows the slice needs and none of the candidates it rejects. The values reach it through groq-js's
 * `dereference` hook, evaluated in a scope built like the filter's element scope (as `dynamicLookup.ts` does):
 *   coalesce({}{"_ref": <marker> + "walk:" + <n> + ":" + ^._id}->, <the plan without this walk>)
 * The walk answers the ordered rows the slice needs (the slice still applies to them); when a value is not a
 * string, or the walk leaves the read to groq-js, the hook answers null and the second branch decides.
 */
import {KEY_SEPARATOR} from '../store/documentKeys'
import type {Doc} from '../types'
import {containsParent, isOuterOnly} from './dynamicLookup'
import {orderedWalk, type WalkContext} from './orderedWalk'
import type {Node} from './planExpressions'

/** A registered walk: the rows for one outer row's values, or null to leave it to the fallback branch. */
export type PerRowWalk = (values: string[]) => unknown[] | null

/** Names no GROQ parameter can have (the parser only reads identifiers). */
const outerParameter = (i: number) => `\u0000outer${i}`

/** Replaces each outer-only part mentioning `^` with a parameter; undefined when another `^` would remain. */
function parameterised(expr: Node, outer: Node[]): Node | undefined {
  const visit = (node: Node): Node | undefined => {
    if (node.type === 'Value') return node
    if (containsParent(node) && isOuterOnly(node)) {
      outer.push(node)
      return {type: 'Parameter', name: outerParameter(outer.length - 1)}
    }
    if (node.type === 'Parent') return undefined
    // Nested scopes (`a[…]`, projections) change what `^` means: only the filter's own level is rewritten.
    if (['Filter', 'Map', 'FlatMap', 'Projection', 'PipeFuncCall'].includes(node.type)) return containsParent(node) ? undefined : node
    let copy: Node | undefined
    for (const [key, child] of Object.entries(node)) {
      if (Array.isArray(child)) {
        const mapped: unknown[] = []
        for (const item of child) {
          const next = isNode(item) ? visit(item) : item
          if (next === undefined) return undefined
          mapped.push(next)
        }
        if (mapped.some((item, i) => item !== child[i])) (copy ??= {...node})[key] = mapped
      } else if (isNode(child)) {
        const next = visit(child)
        if (next === undefined) return undefined
        if (next !== child) (copy ??= {...node})[key] = next
      }
    }
    return copy ?? node
  }
  return visit(expr)
}

const isNode = (value: unknown): value is Node => !!value && typeof value === 'object' && typeof (value as Node).type === 'string'

/**
 * For `*[f] | order(…)[s...e]` (or `[i]`) whose `f` reads outer rows: the node's new base, given the node
 * `fallback` the planner would use instead; undefined when the shape does not apply.
 */
export function perRowWalkBase(
  node: Node,
  context: WalkContext,
  prefix: string,
  register: (walk: PerRowWalk) => number,
  fallback: Node,
): Node | undefined {
  const order = node.base as Node
  const source = order?.type === 'PipeFuncCall' && order.name === 'order' ? (order.base as Node) : undefined
  if (source?.type !== 'Filter' || (source.base as Node).type !== 'Everything' || !containsParent(source.expr)) return undefined
  const outer: Node[] = []
  const expr = parameterised(source.expr as Node, outer)
  if (!expr || outer.length === 0 || containsParent(expr)) return undefined
  const slice = node.type === 'Slice' ? {...node, left: 0} : {type: 'Slice', left: 0, right: (node.index as number) + 1, isInclusive: false}
  const walkNode = {...slice, base: {...order, base: {...source, expr}}} as Node
  const n = register((values) => {
    if (values.length !== outer.length) return null
    const params = {...context.params}
    values.forEach((value, i) => (params[outerParameter(i)] = value))
    const walked = orderedWalk(walkNode, {...context, params})
    return walked?.type === 'Value' ? (walked.value as Doc[]) : null
  })
  const text = (value: string): Node => ({type: 'Value', value})
  let key: Node = text(`${prefix}walk:${n}:`)
  outer.forEach((part, i) => {
    key = {type: 'OpCall', op: '+', left: i === 0 ? key : {type: 'OpCall', op: '+', left: key, right: text(KEY_SEPARATOR)}, right: part}
  })
  const lookup = {
    type: 'Projection',
    base: text({} as never),
    expr: {type: 'Deref', base: {type: 'Object', attributes: [{type: 'ObjectAttributeValue', name: '_ref', value: key}]}},
  }
  return {type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [lookup, fallback]}
}

/** Splits a `walk:` payload (`<n>:<values joined by KEY_SEPARATOR>`). */
export function parseWalkPayload(payload: string): {walk: number; values: string[]} {
  const colon = payload.indexOf(':')
  return {walk: Number(payload.slice(0, colon)), values: payload.slice(colon + 1).split(KEY_SEPARATOR)}
}
