/**
 * Compiled GROQ operators (`compiledExpression.ts`) with groq-js 1.30's rules: `==` `!=` `in`, comparisons and
 * arithmetic. Against a literal or parameter (`_type in [...]`, `_id >= $from`) the rules are worked out once per
 * query (a constant list becomes a set): a filter tested on every row of a walk spends most of its time here.
 */
import type {Compile, Fn, Scope} from './compiledExpression'
import {arithmetic, isEqual, partialCompare} from './groqValues'
import {constantValue, NOT_CONSTANT, type Node} from './planExpressions'

const COMPARISONS: Record<string, (c: number) => boolean> = {'<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0}

const NONE = Symbol('not constant')

/** A literal or parameter operand's value (what the generic operator would compute each time). */
function constantOf(node: Node, params: Record<string, unknown>): unknown {
  const value = constantValue(node, params)
  return value === NOT_CONSTANT ? NONE : (value ?? null)
}

const isPrimitive = (value: unknown): value is string | number | boolean => {
  const type = typeof value
  return type === 'string' || type === 'number' || type === 'boolean'
}

/**
 * `x == "a"`, `x in ["a", "b"]`, `_id >= $from` against a constant, with the generic rules worked out once: a
 * filter tested on every row of a walk (the sitemap's) spends most of its time here.
 */
function againstConstant(op: string, left: Fn, constant: unknown): Fn | undefined {
  if ((op === '==' || op === '!=') && (isPrimitive(constant) || constant === null)) {
    const equal = op === '=='
    if (constant === null) return (row, self) => ((left(row, self) ?? null) === null) === equal
    return (row, self) => (left(row, self) === constant) === equal
  }
  if (op === 'in' && Array.isArray(constant) && constant.every((member) => isPrimitive(member) || member === null || member === undefined)) {
    const members = new Set(constant.filter(isPrimitive))
    const hasNull = constant.some((member) => member === null || member === undefined)
    return (row, self) => {
      const value = left(row, self)
      if (value === null || value === undefined) return hasNull
      return isPrimitive(value) && members.has(value)
    }
  }
  const test = COMPARISONS[op]
  if (test && isPrimitive(constant)) {
    const type = typeof constant
    return (row, self) => {
      const value = left(row, self)
      if (typeof value !== type) return null
      return test(value === constant ? 0 : (value as string | number) < (constant as string | number) ? -1 : 1)
    }
  }
  return undefined
}

export function compileOperator(n: Node, scope: Scope, compile: Compile, params: Record<string, unknown>): Fn | undefined {
  const [left, right] = [compile(n.left as Node, scope), compile(n.right as Node, scope)]
  if (!left || !right) return undefined
  const op = n.op as string
  const constant = constantOf(n.right as Node, params)
  if (constant !== NONE) {
    const fast = againstConstant(op, left, constant)
    if (fast) return fast
  }
  if (op === '==') return (row, self) => isEqual(left(row, self), right(row, self))
  if (op === '!=') return (row, self) => !isEqual(left(row, self), right(row, self))
  if (op === 'in') {
    return (row, self) => {
      const value = left(row, self)
      const list = right(row, self)
      if (!Array.isArray(list)) return null
      for (const member of list) if (isEqual(value, member)) return true
      return false
    }
  }
  const operate = arithmetic(op)
  if (operate) return (row, self) => operate(left(row, self), right(row, self))
  const test = COMPARISONS[op]
  if (!test) return undefined
  return (row, self) => {
    const c = partialCompare(left(row, self), right(row, self))
    return c === null ? null : test(c)
  }
}
