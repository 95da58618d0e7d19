/**
 * Reading a groq-js filter expression for planning: constant values (literals and parameters), conditions that
 * are the same for every document, the conjuncts of `a && b && c`, and attributes the store indexes.
 */
export type Node = {type: string; [key: string]: unknown}

export const NOT_CONSTANT = Symbol('not constant')

export function constantValue(node: Node, params: Record<string, unknown>): unknown {
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

/**
 * Whether an expression is the same boolean for every document (params and literals only): lets
 * `!defined($section) || section._ref == $section` plan on its right side when `$section` is set.
 * Returns true/false, or undefined when not constant or not a boolean.
 */
export function constantBoolean(node: Node, params: Record<string, unknown>): boolean | undefined {
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

export function conjuncts(node: Node, into: Node[] = []): Node[] {
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
 * A filter keeps a document only when its expression is `true`, so at the top level of a filter a conjunct that
 * is constantly true can go, and `false || X` can become `X`: optional filters like `(!defined($tag) || $tag in
 * tags)` then cost nothing per document when `$tag` is unset.
 */
export function withoutConstantConjuncts(expr: Node, params: Record<string, unknown>): Node {
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

/** `X || Y` can only be true through Y when X is constantly false (and vice versa). */
export function simplifyOr(node: Node, params: Record<string, unknown>): Node {
  const inner = node.type === 'Group' ? (node.base as Node) : node
  if (inner.type !== 'Or') return node
  const [left, right] = [constantBoolean(inner.left as Node, params), constantBoolean(inner.right as Node, params)]
  if (left === true || right === true) return {type: 'Value', value: true}
  if (left === false) return simplifyOr(inner.right as Node, params)
  if (right === false) return simplifyOr(inner.left as Node, params)
  return node
}

/** `a.b.c` on the document itself (`@.a.b.c` too) → ['a', 'b', 'c']; anything else undefined. */
export function documentPath(node: Node): string[] | undefined {
  if (node.type !== 'AccessAttribute') return undefined
  const base = node.base as Node | undefined
  if (!base || base.type === 'This') return [node.name as string]
  const parent = documentPath(base)
  return parent && [...parent, node.name as string]
}

/** True when the expression contains `node.type` anywhere (`Parent` for `^`, `Everything` for `*`). */
export function containsNode(value: unknown, type: string): boolean {
  if (!value || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some((item) => containsNode(item, type))
  const node = value as Node
  if (node.type === type) return true
  if (node.type === 'Value') return false
  return Object.values(node).some((child) => containsNode(child, type))
}
