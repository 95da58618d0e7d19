/**
 * `*[filter] | score(args) | order(_score desc, rest…)[s...e]` with a `match` conjunct in the filter: the text
 * index gives the candidates and an upper bound of each one's score (`scoreBound.ts`). Candidates are visited
 * best bound first (ties on the bound in `rest` order, through an ordered index), groq-js filters and scores
 * each visited document exactly, and the visit stops once the next candidate's best possible rank (its bound,
 * its `rest` values) falls strictly behind the e-th best exact result so far: nothing unvisited can reach the
 * slice. groq-js then filters, scores, orders and slices just the visited documents (in dataset order).
 */
import type {DocumentIndex, IndexEntry} from '../store/documentIndex'
import type {OrderedIndex} from '../store/orderedIndex'
import type {Doc} from '../types'
import {planFilter} from './conjunctPlan'
import {exactScoredWalk} from './exactScoredWalk'
import {indexableOrderKeys} from './orderedWalk'
import {conjuncts, containsNode, documentPath, withoutConstantConjuncts, type Node} from './planExpressions'
import {scoreBound, type ScoreBound} from './scoreBound'

export interface ScoreContext {
  view: DocumentIndex
  params: Record<string, unknown>
  /** Filters and scores documents with groq-js: `_score` per passing document's `_id`; undefined if it cannot. */
  scored: (expr: Node, args: Node[], docs: Doc[]) => Map<string, number> | undefined
}

const BATCH = 16
/** A group of equal bounds this large is visited through an ordered index rather than sorted. */
const SORT_LIMIT = 2000

export function scoredWalk(node: Node, context: ScoreContext): Node | undefined {
  const exact = exactScoredWalk(node, context.view, context.params)
  if (exact) return exact
  const needed = node.type === 'Slice' ? (node.isInclusive ? (node.right as number) + 1 : (node.right as number)) : undefined
  if (needed === undefined || (node.left as number) < 0 || (node.right as number) < 0) return undefined
  const order = node.base as Node
  const score = order?.base as Node
  const source = score?.base as Node
  if (order?.type !== 'PipeFuncCall' || order.name !== 'order' || score?.type !== 'PipeFuncCall' || score.name !== 'score') return undefined
  if (source?.type !== 'Filter' || (source.base as Node).type !== 'Everything') return undefined
  const [first, ...rest] = order.args as Node[]
  if (first?.type !== 'Desc' || documentPath(first.base as Node)?.join('.') !== '_score') return undefined
  const restKeys = indexableOrderKeys(rest)
  const exactRest = restKeys.length === rest.length && restKeys.length > 0

  const {view, params} = context
  const expr = withoutConstantConjuncts(source.expr as Node, params)
  const args = score.args as Node[]
  if (containsNode(expr, 'Parent') || containsNode(expr, 'Everything') || containsNode(args, 'Everything')) return undefined
  const text = conjuncts(expr).map((part) => planFilter([part], view, params).best?.plan).find((plan) => plan?.kind === 'text')
  if (text?.kind !== 'text') return undefined
  const bounds = args.map((arg) => scoreBound(arg, view, params))
  if (bounds.some((bound) => !bound)) return undefined
  const bound: ScoreBound = (entry) => bounds.reduce((sum, b) => sum + b!(entry), 0)

  const candidates = [...text.match.candidates(view).keys()]
  if (candidates.some((entry) => entry.stored.hasOwnScore)) return undefined
  const groups = new Map<number, IndexEntry[]>()
  for (const entry of candidates) {
    const b = bound(entry)
    groups.get(b)?.push(entry) ?? groups.set(b, [entry])
  }
  const restIndex = exactRest ? view.orderedIndex(restKeys, undefined) : undefined
  const compareRest = (a: IndexEntry, b: IndexEntry) => (restIndex ? restIndex.compareKeys(a, b) : 0)

  // Exact results so far, best first: [score, entry].
  const accepted: [number, IndexEntry][] = []
  const better = (a: [number, IndexEntry], b: [number, IndexEntry]) => b[0] - a[0] || compareRest(a[1], b[1]) || a[1].seq - b[1].seq
  const visitBatch = (batch: IndexEntry[]): boolean => {
    const docs = batch.map((entry) => entry.stored.doc())
    const scores = context.scored(expr, args, docs)
    if (!scores) return false
    batch.forEach((entry) => {
      const exact = scores.get(entry.stored.id)
      if (exact !== undefined) accepted.push([exact, entry])
    })
    accepted.sort(better)
    return true
  }
  /** True when a candidate with this bound and these rest values cannot rank within the slice any more. */
  const outOfReach = (b: number, entry: IndexEntry): boolean => {
    if (accepted.length < needed) return false
    const [kScore, kEntry] = accepted[needed - 1]
    return b < kScore || (b === kScore && exactRest && compareRest(entry, kEntry) > 0)
  }
  const visited: IndexEntry[] = []
  for (const b of [...groups.keys()].sort((x, y) => y - x)) {
    const group = groups.get(b)!
    const ordered = orderWithin(group, restIndex)
    let batch: IndexEntry[] = []
    let stop = false
    for (const entry of ordered) {
      if (outOfReach(b, entry)) {
        stop = true
        break
      }
      batch.push(entry)
      visited.push(entry)
      if (batch.length === BATCH) {
        if (!visitBatch(batch)) return undefined
        batch = []
      }
    }
    if (batch.length > 0 && !visitBatch(batch)) return undefined
    if (stop) break
  }
  visited.sort((a, b) => a.seq - b.seq)
  const filtered = {type: 'Filter', base: {type: 'Value', value: visited.map((entry) => entry.stored.doc())}, expr}
  return {...node, base: {...order, base: {...score, base: filtered}}}
}

/** A group's members in `rest` order: sorted when small, read off an ordered index when large. */
function* orderWithin(group: IndexEntry[], restIndex: OrderedIndex | undefined): Generator<IndexEntry> {
  if (!restIndex) return yield* group
  if (group.length <= SORT_LIMIT) return yield* [...group].sort((a, b) => restIndex.compareKeys(a, b) || a.seq - b.seq)
  const members = new Set(group)
  for (let i = 0; i < restIndex.size; i++) {
    const entry = restIndex.at(i)
    if (members.has(entry)) yield entry
  }
}
