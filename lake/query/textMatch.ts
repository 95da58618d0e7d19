/**
 * `field match $terms` (or `[a, b] match $terms`) over top-level fields, answered by the store's text indexes:
 * a document can only match when, for every term of the pattern, one of the fields has a token the term may
 * match. Terms without a literal prefix (`*x`) narrow nothing and are skipped; the full filter still runs.
 */
import type {DocumentIndex, IndexEntry} from '../store/documentIndex'
import {patternTerms, termPrefix} from '../store/textIndex'
import {constantValue, type Node} from './planExpressions'

export interface TextMatch {
  fields: string[]
  terms: string[]
  /** The entries that may match (a superset of those that do). */
  candidates(view: DocumentIndex): Candidates
}

/** A set of entries: a posting map of the text index itself when one term on one field decides. */
export type Candidates = Pick<ReadonlySet<IndexEntry>, 'has' | 'size'> & {keys(): Iterable<IndexEntry>}

function topLevelField(node: Node): string | undefined {
  if (node.type !== 'AccessAttribute') return undefined
  const base = node.base as Node | undefined
  return !base || base.type === 'This' ? (node.name as string) : undefined
}

/** The fields a `match` reads, when they are top-level attributes (one, or an array literal of them). */
function matchedFields(node: Node): string[] | undefined {
  const single = topLevelField(node)
  if (single !== undefined) return [single]
  if (node.type !== 'Array') return undefined
  const fields: string[] = []
  for (const element of node.elements as Node[]) {
    const field = !element.isSplat && topLevelField(element.value as Node)
    if (!field) return undefined
    fields.push(field)
  }
  return fields.length > 0 ? fields : undefined
}

/** The terms of a constant pattern, as groq-js splits them; undefined when the pattern is not constant text. */
export function constantTerms(node: Node, params: Record<string, unknown>): string[] | undefined {
  const pattern = constantValue(node, params)
  if (typeof pattern === 'string') return patternTerms(pattern)
  if (Array.isArray(pattern) && pattern.every((part) => typeof part === 'string')) return pattern.flatMap((part) => patternTerms(part))
  return undefined
}

export function textMatchOf(node: Node, params: Record<string, unknown>): TextMatch | undefined {
  if (node.type !== 'OpCall' || node.op !== 'match') return undefined
  const fields = matchedFields(node.left as Node)
  const terms = fields && constantTerms(node.right as Node, params)
  if (!fields || !terms || !terms.some((term) => termPrefix(term).prefix)) return undefined
  return textMatch(fields, terms)
}

export function textMatch(fields: string[], terms: string[]): TextMatch {
  const cache = new WeakMap<DocumentIndex, Candidates>()
  const indexable = terms.filter((term) => termPrefix(term).prefix)
  return {
    fields,
    terms,
    candidates(view) {
      let result = cache.get(view)
      if (result) return result
      // Per term, the entries any field may match it in; then those every term may match, smallest first.
      const perTerm: Candidates[] = indexable.map((term) => {
        const postings = fields.map((field) => view.textIndex(field).candidates(term)!)
        if (postings.length === 1) return postings[0]
        const union = new Set<IndexEntry>()
        for (const posting of postings) for (const entry of posting.keys()) union.add(entry)
        return union
      })
      perTerm.sort((a, b) => a.size - b.size)
      if (perTerm.length === 1) result = perTerm[0]
      else {
        const [smallest, ...others] = perTerm
        const both = new Set<IndexEntry>()
        for (const entry of smallest.keys()) if (others.every((other) => other.has(entry))) both.add(entry)
        result = both
      }
      cache.set(view, result)
      return result
    },
  }
}
