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
  /** Candidate entries with, per entry, an upper bound of the tokens each term matches (summed over fields). */
  candidates(view: DocumentIndex): Map<IndexEntry, number[]>
}

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
  const cache = new WeakMap<DocumentIndex, Map<IndexEntry, number[]>>()
  const indexable = terms.filter((term) => termPrefix(term).prefix)
  return {
    fields,
    terms,
    candidates(view) {
      let result = cache.get(view)
      if (result) return result
      result = new Map()
      indexable.forEach((term, position) => {
        const counts = new Map<IndexEntry, number>()
        for (const field of fields) {
          for (const [entry, count] of view.textIndex(field).candidates(term)!) counts.set(entry, (counts.get(entry) ?? 0) + count)
        }
        if (position === 0) {
          for (const [entry, count] of counts) result!.set(entry, [count])
        } else {
          for (const [entry, perTerm] of result!) {
            const count = counts.get(entry)
            if (count === undefined) result!.delete(entry)
            else perTerm.push(count)
          }
        }
      })
      cache.set(view, result)
      return result
    },
  }
}
