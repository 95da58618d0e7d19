/**
 * Exact `score()` arguments from text index postings, for `exactScoredWalk.ts`: `field match $terms`,
 * `boost(…, n)`, `||` and `&&`, each computed from posting counts with groq-js's arithmetic operation by operation
 * (BM25 with k = 1.2 per term over the tokens matching it), so the floats equal groq-js's. Only when the counts
 * are exactly groq-js's: plain words or prefixes (`word*`) on a single field whose keys are pure (`textIndex.ts`).
 */
import type {DocumentIndex, IndexEntry} from '../store/documentIndex'
import type {PostingCounts} from '../store/posting'
import {isPlainToken, termPrefix} from '../store/textIndex'
import {constantValue, type Node} from './planExpressions'
import {textMatchOf} from './textMatch'

const BM25k = 1.2

export type Counts = PostingCounts
export interface Scorer {
  score: (entry: IndexEntry) => number
  /** No candidate scores more. */
  max: number
  /** The postings outside which this argument scores 0, and their total size (undefined: it may score anywhere). */
  postings?: Counts[]
  size: number
}

/** Postings of each plain term on each field; undefined when any count could differ from groq-js's. */
export function exactPostings(fields: string[], terms: string[], view: DocumentIndex): {key: string; maps: Counts[]; max: number}[] | undefined {
  const result = []
  for (const term of terms) {
    // A plain word, or a plain prefix with one trailing `*` (a wildcard inside or a `.` is a pattern no key answers).
    const {prefix, exact} = termPrefix(term)
    if (!prefix || !isPlainToken(prefix) || !(exact || term === `${prefix}*`)) return undefined
    const key = prefix.toUpperCase()
    const maps: Counts[] = []
    let max = 0
    for (const field of fields) {
      const index = view.textIndex(field)
      if (!index.countsAreExact || !(exact ? index.isPureKey(key) : index.isPurePrefix(key))) return undefined
      maps.push(index.candidates(term)!)
      max += index.maxCountOf(term)
    }
    result.push({key, maps, max})
  }
  return result
}

/**
 * `[a, b] match x` matches nothing in groq-js when either field is not a string (an array of fields is read as
 * one array of strings): only a single field's postings are its matches.
 */
export const singleField = (text: {fields: string[]; terms: string[]}) => text.fields.length === 1 && text.terms.length > 0

const bm25 = (freq: number) => (freq * (BM25k + 1)) / (freq + BM25k)

export function scorerOf(node: Node, view: DocumentIndex, params: Record<string, unknown>): Scorer | undefined {
  if (node.type === 'OpCall' && node.op === 'match') {
    const text = textMatchOf(node, params)
    const perTerm = text && singleField(text) ? exactPostings(text.fields, text.terms, view) : undefined
    if (!perTerm) return undefined
    let max = 0
    for (const {max: count} of perTerm) max += bm25(count)
    const postings = perTerm.flatMap((term) => term.maps)
    return {
      score: (entry) => {
        let score = 0
        for (const {maps} of perTerm) {
          let freq = 0
          for (const counts of maps) freq += counts.get(entry) ?? 0
          score += bm25(freq)
        }
        return score
      },
      max,
      postings,
      size: postings.reduce((sum, counts) => sum + counts.size, 0),
    }
  }
  if (node.type === 'FuncCall' && node.name === 'boost') {
    const [inner, boostNode] = node.args as Node[]
    const boost = constantValue(boostNode, params)
    const scorer = inner && scorerOf(inner, view, params)
    if (typeof boost !== 'number' || !scorer) return undefined
    return {...scorer, score: (entry) => {
      const score = scorer.score(entry)
      return score > 0 ? score + boost : 0
    }, max: scorer.max > 0 ? Math.max(0, scorer.max + boost) : 0}
  }
  if (node.type === 'Or' || node.type === 'And') {
    const [left, right] = [scorerOf(node.left as Node, view, params), scorerOf(node.right as Node, view, params)]
    if (!left || !right) return undefined
    const postings = left.postings && right.postings ? [...left.postings, ...right.postings] : undefined
    const score = node.type === 'Or'
      ? (entry: IndexEntry) => left.score(entry) + right.score(entry)
      : (entry: IndexEntry) => {
          const [l, r] = [left.score(entry), right.score(entry)]
          return l === 0 || r === 0 ? 0 : l + r
        }
    return {score, max: left.max + right.max, postings, size: left.size + right.size}
  }
  return undefined
}

