/**
 * Index lookups whose key is only known per row, like `*[_type == "article" && references(^._id)]` inside a
 * projection or `_id in ^.body[].markDefs[].company._ref`. groq-js has one hook that runs during evaluation,
 * `dereference`, so the filter's `*` becomes
 *   coalesce({}{"_ref": <marker> + <key>}->, {"_ref": <marker> + "all:"}->)
 * The empty-object projection evaluates the key in a scope built exactly like the filter's element scope, so
 * every `^` means what it meant; the key expression never reads the element itself (checked here). When the
 * key cannot be encoded (not a string, or an array with non-scalar members) the `coalesce` falls back to every
 * document (also through `dereference`, so that a query with no scan left never needs the whole dataset parsed).
 * Candidates only ever widen the scan: the full filter still decides.
 */
import {KEY_SEPARATOR} from '../store/documentKeys'
import type {Node} from './planExpressions'

export type DynamicIndex = 'id' | 'type' | 'slug' | 'references' | 'fieldRef' | 'all'

const DEPTH0_FUNCTIONS = new Set(['global::defined', 'global::coalesce', 'global::count', 'global::lower', 'global::upper',
  'global::string', 'global::length', 'array::join', 'array::compact', 'array::unique', 'string::split'])

/** True when `node`, evaluated in the element scope, can only depend on outer scopes, parameters and the dataset. */
export function isOuterOnly(node: Node, depth = 0): boolean {
  if (depth > 0) return !containsParent(node)
  switch (node.type) {
    case 'Value':
    case 'Parameter':
    case 'Parent':
    case 'Everything':
      return true
    case 'AccessAttribute':
      return node.base !== undefined && isOuterOnly(node.base as Node)
    case 'AccessElement':
    case 'ArrayCoerce':
    case 'Slice':
    case 'Deref':
    case 'Group':
    case 'Not':
    case 'Neg':
    case 'Pos':
      return isOuterOnly(node.base as Node)
    case 'OpCall':
    case 'And':
    case 'Or':
      return isOuterOnly(node.left as Node) && isOuterOnly(node.right as Node)
    case 'Array':
      return (node.elements as Node[]).every((element) => isOuterOnly(element.value as Node))
    case 'FuncCall':
      return DEPTH0_FUNCTIONS.has(`${node.namespace}::${node.name}`) && (node.args as Node[]).every((arg) => isOuterOnly(arg))
    case 'Filter':
    case 'Map':
    case 'FlatMap':
    case 'Projection':
      return isOuterOnly(node.base as Node) && isOuterOnly(node.expr as Node, 1)
    default:
      return false
  }
}

export function containsParent(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some(containsParent)
  const node = value as Node
  if (node.type === 'Parent') return true
  if (node.type === 'Value') return false
  return Object.values(node).some(containsParent)
}

const value = (v: unknown): Node => ({type: 'Value', value: v})
const concat = (left: Node, right: Node): Node => ({type: 'OpCall', op: '+', left, right})
const definedMembers = (array: Node): Node => ({
  type: 'Filter',
  base: array,
  expr: {type: 'FuncCall', namespace: 'global', name: 'defined', args: [{type: 'This'}]},
})
const joined = (array: Node): Node => ({type: 'FuncCall', namespace: 'array', name: 'join', args: [definedMembers(array), value(KEY_SEPARATOR)]})

/** The replacement for `*`: candidates by a per-row key, or the whole dataset when the key does not encode. */
export function dynamicCandidatesNode(
  prefix: string,
  index: DynamicIndex,
  key: Node,
  keyIs: 'string' | 'array' | 'either',
  keyPrefix = '',
): Node {
  const marker = value(`${prefix}${index}:${keyPrefix}`)
  const refs: Node[] = []
  if (keyIs !== 'array') refs.push(concat(marker, key))
  if (keyIs !== 'string') refs.push(concat(marker, joined(key)))
  const lookups = refs.map((ref) => ({
    type: 'Projection',
    base: value({}),
    expr: {type: 'Deref', base: {type: 'Object', attributes: [{type: 'ObjectAttributeValue', name: '_ref', value: ref}]}},
  }))
  const everything = {type: 'Deref', base: value({_ref: `${prefix}all:`})}
  return {type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [...lookups, everything]}
}

/** Splits a dereferenced marker payload (`<index>:<keys joined by KEY_SEPARATOR>`). */
export function parseDynamicPayload(payload: string): {index: DynamicIndex; keys: string[]} {
  const colon = payload.indexOf(':')
  return {index: payload.slice(0, colon) as DynamicIndex, keys: payload.slice(colon + 1).split(KEY_SEPARATOR)}
}
