/**
 * Simple GROQ expressions, compiled to plain functions with exactly groq-js 1.30's semantics: attribute paths,
 * literals, parameters, arrays and objects, comparisons, `in`, arithmetic (`+ - * / % **`), `&&` `||` `!` (with
 * GROQ's null for "unknown"), `defined()`, `coalesce()`, `count()`, `references()`, projections, `->` (when the
 * caller gives a `dereference`), and over arrays `a[]`, `a[].b`, `a[cond]`, `a[i]`, `a[s...e]`, `a[]{…}` and
 * `| order(…)` (`compiledArrays.ts`). The document is read only through the attribute paths the expression
 * lists, so it runs on a row of those values (`documentRows.ts`), often known from the stored keys without
 * parsing; inside `a[…]` the element is the scope. Anything else (`^`, `*`, `...`, `select`, other functions)
 * does not compile and groq-js evaluates it as before: a filter, order key or projection compiles whole or not.
 */
import {groqType} from './groqValues'
import {compileArrayNode} from './compiledArrays'
import {compileOperator} from './compiledOperators'
import {documentPath, type Node} from './planExpressions'

export {groqType} from './groqValues'

/** One attribute path from the document (`['slug', 'current']`), or `REFERENCES_PATH`. */
export type Path = readonly string[]
/** The values of a compiled expression's paths, in its `paths` order (GROQ null as `null`). */
export type Row = readonly unknown[]

/** The pseudo path whose value is the list of ids a document references (what `references()` tests). */
export const REFERENCES_PATH: Path = ['\u0000references']

export interface CompiledExpression {
  paths: Path[]
  evaluate: (row: Row) => unknown
}

export interface CompileOptions {
  /** Answers `->` (groq-js's `dereference` hook): the document with that `_id`, or null. Without it `->` does not compile. */
  dereference?: (id: string) => unknown
}

/** A compiled node: `self` is the element when compiled in an element scope (`a[]{…}`), unused at document scope. */
export type Fn = (row: Row, self: unknown) => unknown
export type Scope = 'document' | 'element'
export type Compile = (node: Node, scope: Scope) => Fn | undefined

/** Reads a path the way groq-js's attribute access does: only own properties of (non-array) objects. */
export function readPath(value: unknown, path: Path): unknown {
  if (path === REFERENCES_PATH) throw new Error('compiledExpression: references are read from stored keys')
  let current = value
  for (const name of path) {
    if (groqType(current) !== 'object' || !Object.prototype.hasOwnProperty.call(current, name)) return null
    current = (current as Record<string, unknown>)[name]
  }
  return current === undefined ? null : current
}

const attribute = (value: unknown, name: string): unknown => {
  if (groqType(value) !== 'object' || !Object.prototype.hasOwnProperty.call(value, name)) return null
  return (value as Record<string, unknown>)[name] ?? null
}

/** Compiles `node` (evaluated with the document as `@`), or undefined when it is not simple enough. */
export function compileExpression(node: Node, params: Record<string, unknown>, options: CompileOptions = {}): CompiledExpression | undefined {
  const paths: Path[] = []
  const slots = new Map<string, number>()
  const slot = (path: Path): number => {
    const key = path === REFERENCES_PATH ? '\u0000references' : JSON.stringify(path)
    let index = slots.get(key)
    if (index === undefined) slots.set(key, (index = paths.push(path) - 1))
    return index
  }

  const compile: Compile = (n, scope) => {
    switch (n.type) {
      case 'Value': {
        const value = n.value ?? null
        return () => value
      }
      case 'Parameter': {
        const value = params[n.name as string] ?? null
        return () => value
      }
      case 'Group':
        return compile(n.base as Node, scope)
      case 'This':
        return scope === 'element' ? (_, self) => self : undefined
      case 'Array': {
        const elements: Fn[] = []
        for (const element of n.elements as Node[]) {
          const value = !element.isSplat && compile(element.value as Node, scope)
          if (!value) return undefined
          elements.push(value)
        }
        return (row, self) => elements.map((element) => element(row, self))
      }
      case 'AccessAttribute': {
        const path = scope === 'document' ? documentPath(n) : undefined
        if (path) {
          const index = slot(path)
          return (row) => row[index]
        }
        const name = n.name as string
        if (!n.base) return scope === 'element' ? (_, self) => attribute(self, name) : undefined
        const base = compile(n.base as Node, scope)
        return base && ((row, self) => attribute(base(row, self), name))
      }
      case 'And':
      case 'Or': {
        const [left, right] = [compile(n.left as Node, scope), compile(n.right as Node, scope)]
        if (!left || !right) return undefined
        // groq-js evaluates both sides, then: a decisive side wins, two booleans combine, anything else is null.
        const decisive = n.type !== 'And'
        return (row, self) => {
          const l = left(row, self)
          const r = right(row, self)
          if (l === decisive || r === decisive) return decisive
          return typeof l === 'boolean' && typeof r === 'boolean' ? !decisive : null
        }
      }
      case 'Not': {
        const base = compile(n.base as Node, scope)
        return base && ((row, self) => {
          const value = base(row, self)
          return typeof value === 'boolean' ? !value : null
        })
      }
      case 'Neg':
      case 'Pos': {
        const base = compile(n.base as Node, scope)
        const sign = n.type === 'Neg' ? -1 : 1
        return base && ((row, self) => {
          const value = base(row, self)
          return typeof value === 'number' ? sign * value : null
        })
      }
      case 'OpCall':
        return compileOperator(n, scope, compile, params)
      case 'FuncCall':
        return compileFunction(n, scope)
      case 'Projection': {
        // `{…}` on the document itself (how `*[…]{…}` projects each row); documents are always objects.
        if ((n.base as Node).type === 'This' && scope === 'document') return compile(n.expr as Node, 'document')
        const [base, expr] = [compile(n.base as Node, scope), compile(n.expr as Node, 'element')]
        if (!base || !expr) return undefined
        return (row, self) => {
          const value = base(row, self)
          return groqType(value) === 'object' ? expr(row, value) : null
        }
      }
      case 'Deref': {
        const base = compile(n.base as Node, scope)
        const dereference = options.dereference
        if (!base || !dereference) return undefined
        return (row, self) => {
          const value = base(row, self)
          if (groqType(value) !== 'object') return null
          const id = (value as {_ref?: unknown})._ref
          return typeof id === 'string' ? (dereference(id) ?? null) : null
        }
      }
      case 'Object': {
        const names: string[] = []
        const values: Fn[] = []
        for (const attribute of n.attributes as Node[]) {
          if (attribute.type !== 'ObjectAttributeValue') return undefined
          const value = compile(attribute.value as Node, scope)
          if (!value) return undefined
          names.push(attribute.name as string)
          values.push(value)
        }
        return (row, self) => {
          const result: Record<string, unknown> = {}
          for (let i = 0; i < names.length; i++) result[names[i]] = values[i](row, self)
          return result
        }
      }
      default:
        return compileArrayNode(n, scope, compile)
    }
  }

  const compileFunction = (n: Node, scope: Scope): Fn | undefined => {
    if (n.namespace !== 'global') return undefined
    const args: Fn[] = []
    for (const arg of n.args as Node[]) {
      const fn = compile(arg, scope)
      if (!fn) return undefined
      args.push(fn)
    }
    if (n.name === 'defined' && args.length === 1) return (row, self) => groqType(args[0](row, self)) !== 'null'
    if (n.name === 'count' && args.length === 1) {
      return (row, self) => {
        const value = args[0](row, self)
        return Array.isArray(value) ? value.length : null
      }
    }
    if (n.name === 'coalesce') {
      return (row, self) => {
        for (const fn of args) {
          const value = fn(row, self)
          if (value !== null && value !== undefined) return value
        }
        return null
      }
    }
    // `references()` of the document: its referenced ids are a stored key (the same walk groq-js makes).
    if (n.name === 'references' && args.length > 0 && scope === 'document') {
      const references = slot(REFERENCES_PATH)
      return (row, self) => {
        const wanted = new Set<string>()
        for (const arg of args) {
          const value = arg(row, self)
          if (typeof value === 'string') wanted.add(value)
          else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') wanted.add(v)
        }
        if (wanted.size === 0) return false
        for (const id of row[references] as readonly string[]) if (wanted.has(id)) return true
        return false
      }
    }
    return undefined
  }

  const evaluate = compile(node, 'document')
  return evaluate && {paths, evaluate: (row) => evaluate(row, undefined)}
}
