/**
 * The array forms of compiled expressions (`compiledExpression.ts`), each with groq-js 1.30's rules: `a[]`
 * (an array or null), `a[]{…}` and `a[].b` (map, each element its own scope), `a[cond]` (elements whose
 * condition is `true`), `a[i]` and `a[s...e]`, and `a | order(k asc, …)` (stable, by `totalCompare`). Every
 * form is null when its base is not an array.
 */
import type {Compile, Fn, Scope} from './compiledExpression'
import {totalCompare} from './groqValues'
import type {Node} from './planExpressions'

export function compileArrayNode(n: Node, scope: Scope, compile: Compile): Fn | undefined {
  switch (n.type) {
    case 'ArrayCoerce': {
      const base = compile(n.base as Node, scope)
      return base && ((row, self) => {
        const value = base(row, self)
        return Array.isArray(value) ? value : null
      })
    }
    case 'Map': {
      const [base, expr] = [compile(n.base as Node, scope), compile(n.expr as Node, 'element')]
      if (!base || !expr) return undefined
      return (row, self) => {
        const value = base(row, self)
        if (!Array.isArray(value)) return null
        const result = new Array(value.length)
        for (let i = 0; i < value.length; i++) result[i] = expr(row, value[i] ?? null) ?? null
        return result
      }
    }
    case 'Filter': {
      const [base, expr] = [compile(n.base as Node, scope), compile(n.expr as Node, 'element')]
      if (!base || !expr) return undefined
      return (row, self) => {
        const value = base(row, self)
        if (!Array.isArray(value)) return null
        const result: unknown[] = []
        for (const item of value) if (expr(row, item ?? null) === true) result.push(item)
        return result
      }
    }
    case 'AccessElement': {
      const base = compile(n.base as Node, scope)
      const index = n.index as number
      if (!base || !Number.isInteger(index)) return undefined
      return (row, self) => {
        const value = base(row, self)
        if (!Array.isArray(value)) return null
        return value[index < 0 ? index + value.length : index] ?? null
      }
    }
    case 'Slice': {
      const base = compile(n.base as Node, scope)
      const [left, right] = [n.left as number, n.right as number]
      if (!base || !Number.isInteger(left) || !Number.isInteger(right)) return undefined
      return (row, self) => {
        const value = base(row, self)
        if (!Array.isArray(value)) return null
        let [from, to] = [left < 0 ? value.length + left : left, right < 0 ? value.length + right : right]
        if (n.isInclusive) to++
        return value.slice(Math.max(from, 0), Math.max(to, 0))
      }
    }
    case 'PipeFuncCall':
      return n.name === 'order' ? compileOrder(n, scope, compile) : undefined
    default:
      return undefined
  }
}

function compileOrder(n: Node, scope: Scope, compile: Compile): Fn | undefined {
  const base = compile(n.base as Node, scope)
  const keys: Fn[] = []
  const descending: boolean[] = []
  for (const arg of n.args as Node[]) {
    const term = arg.type === 'Asc' || arg.type === 'Desc' ? (arg.base as Node) : arg
    const key = compile(term, 'element')
    if (!key) return undefined
    keys.push(key)
    descending.push(arg.type === 'Desc')
  }
  if (!base || keys.length === 0) return undefined
  return (row, self) => {
    const value = base(row, self)
    if (!Array.isArray(value)) return null
    const tuples = value.map((item, position) => ({item, position, keys: keys.map((key) => key(row, item ?? null))}))
    tuples.sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const c = totalCompare(a.keys[i], b.keys[i])
        if (c !== 0) return descending[i] ? -c : c
      }
      return a.position - b.position
    })
    return tuples.map((tuple) => tuple.item)
  }
}
