/**
 * The simplest GROQ expressions, compiled to plain functions with exactly groq-js 1.30's semantics: attribute
 * paths on the document, literals, parameters, `==` `!=` `<` `<=` `>` `>=` `in` (an array), `&&` `||` `!` (with
 * GROQ's null for "unknown"), `defined()`, `coalesce()`, and projections of named attributes. A compiled
 * expression reads the document only through the attribute paths it lists, so it runs on a row of those values
 * (`documentRows.ts`) that is often known from the stored keys without parsing the document at all. Anything
 * else (`@`, `^`, `*`, `->`, splats, other functions, arrays' traversals) does not compile, and groq-js
 * evaluates it as before: a filter, order key or projection is either compiled whole or not at all.
 */
import {documentPath, type Node} from './planExpressions'

/** One attribute path from the document (`['slug', 'current']`). */
export type Path = readonly string[]
/** The values of a compiled expression's paths, in its `paths` order (GROQ null as `null`). */
export type Row = readonly unknown[]

export interface CompiledExpression {
  paths: Path[]
  evaluate: (row: Row) => unknown
}

type Fn = (row: Row) => unknown

/** groq-js's `getType` for JSON values. */
export const groqType = (value: unknown): string =>
  value === null || value === undefined ? 'null' : Array.isArray(value) ? 'array' : typeof value

const PRIMITIVE_EQUALITY = new Set(['string', 'boolean', 'null', 'number'])

/** groq-js `isEqual`: same primitive type and same value; never equal otherwise. */
function isEqual(a: unknown, b: unknown): boolean {
  const type = groqType(a)
  if (type !== groqType(b) || !PRIMITIVE_EQUALITY.has(type)) return false
  return type === 'null' || a === b
}

/** groq-js `partialCompare`: numbers and booleans by value, strings by code unit; null when not comparable. */
function partialCompare(a: unknown, b: unknown): number | null {
  const type = groqType(a)
  if (type !== groqType(b)) return null
  if (type === 'number' || type === 'boolean') return (a as number) - (b as number)
  if (type === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0
  return null
}

const COMPARISONS: Record<string, (c: number) => boolean> = {'<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0}

/** Reads a path the way groq-js's attribute access does: only own properties of (non-array) objects. */
export function readPath(value: unknown, path: Path): unknown {
  let current = value
  for (const name of path) {
    if (groqType(current) !== 'object' || !Object.prototype.hasOwnProperty.call(current, name)) return null
    current = (current as Record<string, unknown>)[name]
  }
  return current === undefined ? null : current
}

/** Compiles `node` (evaluated with the document as `@`), or undefined when it is not simple enough. */
export function compileExpression(node: Node, params: Record<string, unknown>): CompiledExpression | undefined {
  const paths: Path[] = []
  const slots = new Map<string, number>()
  const slot = (path: Path): number => {
    const key = JSON.stringify(path)
    let index = slots.get(key)
    if (index === undefined) slots.set(key, (index = paths.push(path) - 1))
    return index
  }

  const compile = (n: Node): Fn | undefined => {
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
        return compile(n.base as Node)
      case 'Array': {
        const elements: Fn[] = []
        for (const element of n.elements as Node[]) {
          const value = !element.isSplat && compile(element.value as Node)
          if (!value) return undefined
          elements.push(value)
        }
        return (row) => elements.map((element) => element(row))
      }
      case 'AccessAttribute': {
        const path = documentPath(n)
        if (path) {
          const index = slot(path)
          return (row) => row[index]
        }
        const base = n.base ? compile(n.base as Node) : undefined
        const name = n.name as string
        return base && ((row) => readPath(base(row), [name]))
      }
      case 'And':
      case 'Or': {
        const [left, right] = [compile(n.left as Node), compile(n.right as Node)]
        if (!left || !right) return undefined
        // groq-js evaluates both sides, then: a decisive side wins, two booleans combine, anything else is null.
        const decisive = n.type === 'And' ? false : true
        return (row) => {
          const [l, r] = [left(row), right(row)]
          if (l === decisive || r === decisive) return decisive
          return typeof l === 'boolean' && typeof r === 'boolean' ? !decisive : null
        }
      }
      case 'Not': {
        const base = compile(n.base as Node)
        return base && ((row) => {
          const value = base(row)
          return typeof value === 'boolean' ? !value : null
        })
      }
      case 'OpCall':
        return compileOperator(n)
      case 'FuncCall':
        return compileFunction(n)
      case 'Projection': {
        // `{…}` on the document itself (how `*[…]{…}` projects each row); documents are always objects.
        if ((n.base as Node).type !== 'This') return undefined
        return compile(n.expr as Node)
      }
      case 'Object': {
        const attributes: [string, Fn][] = []
        for (const attribute of n.attributes as Node[]) {
          if (attribute.type !== 'ObjectAttributeValue') return undefined
          const value = compile(attribute.value as Node)
          if (!value) return undefined
          attributes.push([attribute.name as string, value])
        }
        return (row) => {
          const result: Record<string, unknown> = {}
          for (const [name, value] of attributes) result[name] = value(row)
          return result
        }
      }
      default:
        return undefined
    }
  }

  const compileOperator = (n: Node): Fn | undefined => {
    const [left, right] = [compile(n.left as Node), compile(n.right as Node)]
    if (!left || !right) return undefined
    const op = n.op as string
    if (op === '==') return (row) => isEqual(left(row), right(row))
    if (op === '!=') return (row) => !isEqual(left(row), right(row))
    if (op === 'in') {
      return (row) => {
        const [value, list] = [left(row), right(row)]
        if (!Array.isArray(list)) return null
        return list.some((member) => isEqual(value, member ?? null))
      }
    }
    const test = COMPARISONS[op]
    if (!test) return undefined
    return (row) => {
      const c = partialCompare(left(row), right(row))
      return c === null ? null : test(c)
    }
  }

  const compileFunction = (n: Node): Fn | undefined => {
    if (n.namespace !== 'global') return undefined
    const args = (n.args as Node[]).map(compile)
    if (args.some((arg) => !arg)) return undefined
    const fns = args as Fn[]
    if (n.name === 'defined' && fns.length === 1) return (row) => groqType(fns[0](row)) !== 'null'
    if (n.name === 'coalesce') {
      return (row) => {
        for (const fn of fns) {
          const value = fn(row)
          if (value !== null && value !== undefined) return value
        }
        return null
      }
    }
    return undefined
  }

  const evaluate = compile(node)
  return evaluate && {paths, evaluate}
}
