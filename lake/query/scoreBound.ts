/**
 * An upper bound of what groq-js's `score()` gives a document, read from text indexes without the document:
 * `field match $terms` scores Σ freq·(k+1)/(freq+k) over the terms (BM25 with k = 1.2, `freq` = the tokens the
 * term matches), and the text index counts, per document, the tokens sharing a term's key or prefix, which is at
 * least `freq`. The bound follows groq-js's arithmetic operation by operation (`boost` adds its constant to a
 * positive score, `&&` is 0 unless both sides are positive, `||` adds, any other condition scores at most 1),
 * and floating-point addition and this fraction never decrease when an operand grows, so it is never below the
 * exact score. Undefined for score arguments it cannot bound.
 */
import type {DocumentIndex, IndexEntry} from '../store/documentIndex'
import {termPrefix} from '../store/textIndex'
import {constantValue, type Node} from './planExpressions'
import {constantTerms} from './textMatch'

const BM25k = 1.2

export type ScoreBound = (entry: IndexEntry) => number

function topLevelFields(node: Node): string[] | undefined {
  const field = (n: Node) => (n.type === 'AccessAttribute' && (!n.base || (n.base as Node).type === 'This') ? (n.name as string) : undefined)
  const single = field(node)
  if (single) return [single]
  if (node.type !== 'Array') return undefined
  const fields = (node.elements as Node[]).map((element) => (element.isSplat ? undefined : field(element.value as Node)))
  return fields.every((f) => f) ? (fields as string[]) : undefined
}

function matchBound(node: Node, view: DocumentIndex, params: Record<string, unknown>): ScoreBound | undefined {
  const fields = topLevelFields(node.left as Node)
  const terms = constantTerms(node.right as Node, params)
  if (!fields || !terms || terms.some((term) => !termPrefix(term).prefix)) return undefined
  const perTerm = terms.map((term) => fields.map((field) => view.textIndex(field).candidates(term)!))
  return (entry) => {
    if (terms.length === 0) return 0
    let score = 0
    for (const maps of perTerm) {
      let freq = 0
      for (const counts of maps) freq += counts.get(entry) ?? 0
      score += (freq * (BM25k + 1)) / (freq + BM25k)
    }
    return score
  }
}

export function scoreBound(node: Node, view: DocumentIndex, params: Record<string, unknown>): ScoreBound | undefined {
  if (node.type === 'OpCall' && node.op === 'match') return matchBound(node, view, params)
  if (node.type === 'FuncCall' && node.name === 'boost') {
    const [inner, boostNode] = node.args as Node[]
    const boost = constantValue(boostNode, params)
    const innerBound = inner && scoreBound(inner, view, params)
    if (typeof boost !== 'number' || boost < 0 || !innerBound) return undefined
    return (entry) => {
      const score = innerBound(entry)
      return score > 0 ? score + boost : 0
    }
  }
  if (node.type === 'Or' || node.type === 'And') {
    const [left, right] = [scoreBound(node.left as Node, view, params), scoreBound(node.right as Node, view, params)]
    if (!left || !right) return undefined
    if (node.type === 'Or') return (entry) => left(entry) + right(entry)
    return (entry) => {
      const [l, r] = [left(entry), right(entry)]
      return l === 0 || r === 0 ? 0 : l + r
    }
  }
  return () => 1
}
