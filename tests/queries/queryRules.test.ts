/**
 * Every registered query is written for the Content Lake's indexes, checked on groq-js's parse tree
 * rather than by reading: each `*[…]` filter starts with `_type`, `_id`, `slug.current` or
 * `references()`, no filter dereferences, and every `*[…]` is bounded (a slice or `[0]`) and
 * projected. Also: `queries/index.ts` pulls in no Studio, React or lake code at run time.
 */
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, relative, resolve} from 'node:path'
import {promisify} from 'node:util'

import {parse} from 'groq-js'
import ts from 'typescript'
import {describe, expect, test} from 'vitest'

import {queryRegistry} from '../../queries'

type Node = {type: string; [key: string]: unknown}

function* walk(node: unknown, ancestors: Node[] = []): Generator<{node: Node; ancestors: Node[]}> {
  if (Array.isArray(node)) {
    for (const item of node) yield* walk(item, ancestors)
    return
  }
  if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return
  yield {node: node as Node, ancestors}
  for (const [key, value] of Object.entries(node)) if (key !== 'func') yield* walk(value, [...ancestors, node as Node])
}

function firstConjunct(expr: Node): Node {
  return expr.type === 'And' ? firstConjunct(expr.left as Node) : expr
}

function isIndexedCondition(node: Node): boolean {
  if (node.type === 'FuncCall') return node.name === 'references'
  if (node.type !== 'OpCall' || (node.op !== '==' && node.op !== 'in')) return false
  const left = node.left as Node
  if (left.type !== 'AccessAttribute') return false
  if (!left.base) return left.name === '_type' || left.name === '_id'
  return left.name === 'current' && (left.base as Node).type === 'AccessAttribute' && (left.base as Node).name === 'slug'
}

/** Problems with one query: an empty list means it follows the rules. */
function ruleViolations(query: string): string[] {
  // groq-js needs slice bounds at parse time: every parameter a registered query slices by.
  const tree = parse(query, {params: {limit: 20, pageSize: 20}})
  const problems: string[] = []
  for (const {node, ancestors} of walk(tree)) {
    if (node.type === 'Filter' && [...walk(node.expr)].some(({node: inner}) => inner.type === 'Deref')) problems.push('a filter dereferences')
    if (node.type !== 'Filter' || (node.base as Node).type !== 'Everything') continue
    if (!isIndexedCondition(firstConjunct(node.expr as Node))) problems.push('a *[…] filter does not start with _type, _id, slug.current or references()')
    // The pipeline above this `*[…]`: each step has the previous one as its `base`.
    const chain: Node[] = []
    let child: Node = node
    for (const ancestor of [...ancestors].reverse()) {
      if (ancestor.base !== child) break
      chain.push(ancestor)
      child = ancestor
    }
    if (!chain.some((step) => step.type === 'Slice' || step.type === 'AccessElement')) problems.push('a *[…] is not bounded')
    const projected = chain.some((step) => step.type === 'Projection' || (step.type === 'Map' && (step.expr as Node).type === 'Projection'))
    if (!projected) problems.push('a *[…] is not projected')
  }
  return problems
}

describe('queries are written for the Content Lake indexes', () => {
  test.each(Object.entries(queryRegistry))('%s', (_name, entry) => {
    expect(ruleViolations(entry.query)).toEqual([])
  })

  test('the checker catches each kind of violation', () => {
    expect(ruleViolations('*[title == "x"][0...5]{title}')).toEqual(['a *[…] filter does not start with _type, _id, slug.current or references()'])
    expect(ruleViolations('*[_type == "a" && section->slug.current == "x"][0]{_id}')).toEqual(['a filter dereferences'])
    expect(ruleViolations('*[_type == "a"]{_id}')).toEqual(['a *[…] is not bounded'])
    expect(ruleViolations('*[_type == "a"][0...5]')).toEqual(['a *[…] is not projected'])
    expect(ruleViolations('*[_type == "a"][0]{"n": *[_type == "b" && x == ^._id]._id}')).toEqual(['a *[…] is not bounded', 'a *[…] is not projected'])
  })
})

/** Run-time (not type-only) module specifiers imported by a TypeScript file. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
  const specifiers: string[] = []
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause
      const typeOnly = clause?.isTypeOnly || (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((element) => element.isTypeOnly))
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    }
  }
  return specifiers
}

describe('queries/index.ts is safe for front ends', () => {
  test('its run-time import graph reaches no Studio, React or lake code', () => {
    const root = resolve('queries/index.ts')
    const seen = new Set<string>()
    const packages = new Set<string>()
    const pending = [root]
    while (pending.length) {
      const file = pending.pop()!
      if (seen.has(file)) continue
      seen.add(file)
      for (const specifier of runtimeImports(file)) {
        if (specifier.startsWith('.')) pending.push(`${join(dirname(file), specifier)}.ts`)
        else packages.add(specifier)
      }
    }
    const files = [...seen].map((file) => relative(process.cwd(), file))
    expect(files.every((file) => file.startsWith('queries/'))).toBe(true)
    expect(files).toContain('queries/runQuery.ts')
    expect([...packages].sort()).toEqual(['@portabletext/toolkit', 'groq'])
  })
})

/**
 * The run-time check of the same: a Node process whose module resolution refuses Studio, React and
 * lake code imports `queries/index.ts` (through tsx). A control import of the lake must fail, or
 * the refusal would not be working.
 */
describe('queries/index.ts loads in a process where the Studio cannot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'queries-import-'))
  writeFileSync(join(dir, 'refuse.mjs'), `export async function resolve(specifier, context, next) {
  if (/^(sanity|react|react-dom|styled-components|@sanity\\/ui)(\\/|$)/.test(specifier)) throw new Error('refused ' + specifier)
  const result = await next(specifier, context)
  if (/\\/(lake|schemas|plugins)\\//.test(result.url)) throw new Error('refused ' + result.url)
  return result
}`)
  writeFileSync(join(dir, 'register.mjs'), "import {register} from 'node:module'\nregister('./refuse.mjs', import.meta.url)\n")
  const load = (file: string) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', join(dir, 'register.mjs'), '--input-type=module', '-e',
      `const m = await import(${JSON.stringify(resolve(file))}); console.log(Object.keys(m).sort().join(','))`], {encoding: 'utf8'})

  test('imports cleanly and exposes the runner and queries', {timeout: 60_000}, async () => {
    const {stdout} = await load('queries/index.ts')
    expect(stdout.trim().split(',')).toEqual(expect.arrayContaining(['ARTICLE_BY_SLUG_QUERY', 'runQuery', 'articleJsonLd', 'portableTextToPlainText']))
    await expect(load('lake/index.ts')).rejects.toThrow(/refused file:.*\/lake\/index\.ts/)
  })
})
