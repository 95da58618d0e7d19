/**
 * Search ranked without reading a document: `*[filter] | score(args) | order(_score desc, rest…)[s...e]` when
 * the text indexes' counts are exactly what groq-js counts (plain words or prefixes `word*`, pure keys: see
 * `textIndex.ts`). Then a candidate's `match` is its postings, its score is computed from its counts with groq-js's
 * arithmetic operation by operation (so the floats are the same), and every other filter condition compiles to a
 * test on stored keys (`compiledExpression.ts`). The top rows are found without scoring every candidate:
 * - every score argument but the one with the most postings (a headline boost beside the body text) is
 *   "sparse": the candidates it scores are grouped by their bound and read best group first, in `rest` order;
 * - every other candidate scores at most the dense argument's maximum (from each key's largest count), so the
 *   candidates are then read in `rest` order (an ordered index) until the slice's last row beats that maximum.
 * Few candidates are simply all scored. The slice comes out as groq-js's rows (`{...document, _score}`), ordered.
 * Anything else (wildcards, impure keys, conditions that do not compile) is left to `scoredWalk.ts`.
 */
import type {DocumentIndex, IndexEntry} from '../store/documentIndex'
import type {OrderedIndex} from '../store/orderedIndex'
import {compileExpression} from './compiledExpression'
import {rowReader} from './documentRows'
import {indexableOrderKeys} from './orderedWalk'
import {exactPostings, scorerOf, singleField, type Counts} from './exactScorer'
import {conjuncts, containsNode, documentPath, withoutConstantConjuncts, type Node} from './planExpressions'
import {textMatchOf} from './textMatch'

/** Groups of sparse candidates this small are sorted; larger ones are read off the rest index. */
const SORT_LIMIT = 500

export function exactScoredWalk(node: Node, view: DocumentIndex, params: Record<string, unknown>): Node | undefined {
  if (node.type !== 'Slice' || (node.left as number) < 0 || (node.right as number) < 0) return undefined
  const needed = node.isInclusive ? (node.right as number) + 1 : (node.right as number)
  const [order, score, source] = [node.base as Node, (node.base as Node)?.base as Node, ((node.base as Node)?.base as Node)?.base as Node]
  if (order?.type !== 'PipeFuncCall' || order.name !== 'order' || score?.type !== 'PipeFuncCall' || score.name !== 'score') return undefined
  if (source?.type !== 'Filter' || (source.base as Node).type !== 'Everything') return undefined
  const [first, ...rest] = order.args as Node[]
  if (first?.type !== 'Desc' || documentPath(first.base as Node)?.join('.') !== '_score') return undefined
  const restKeys = indexableOrderKeys(rest)
  if (restKeys.length !== rest.length || rest.length === 0) return undefined

  // The filter: text conditions answered by postings, every other condition compiled over stored keys.
  const expr = withoutConstantConjuncts(source.expr as Node, params)
  if (containsNode(expr, 'Parent') || containsNode(expr, 'Everything')) return undefined
  const required: Counts[][] = []
  const others: Node[] = []
  for (const part of conjuncts(expr)) {
    const text = textMatchOf(part, params)
    if (!text) {
      others.push(part)
      continue
    }
    const perTerm = singleField(text) ? exactPostings(text.fields, text.terms, view) : undefined
    if (!perTerm) return undefined
    required.push(...perTerm.map((term) => term.maps))
  }
  if (required.length === 0) return undefined
  const rest0 = others.length ? compileExpression(others.reduce((left, right) => ({type: 'And', left, right})), params) : undefined
  if (others.length && !rest0) return undefined
  const readRow = rest0 && rowReader(rest0.paths)
  const passes = (entry: IndexEntry): boolean =>
    required.every((maps) => maps.some((counts) => counts.has(entry))) && (!rest0 || rest0.evaluate(readRow!(entry.stored)) === true)

  const scorers = (score.args as Node[]).map((arg) => scorerOf(arg, view, params))
  if (scorers.some((scorer) => !scorer)) return undefined
  const exactScore = (entry: IndexEntry) => {
    let total = 0
    for (const scorer of scorers) total += scorer!.score(entry)
    return total
  }
  const restIndex = view.orderedIndex(restKeys, undefined)
  const better = (a: [number, IndexEntry], b: [number, IndexEntry]) => b[0] - a[0] || restIndex.compareKeys(a[1], b[1]) || a[1].seq - b[1].seq
  const top: [number, IndexEntry][] = []
  const offer = (entry: IndexEntry) => {
    const candidate: [number, IndexEntry] = [exactScore(entry), entry]
    if (top.length >= needed && better(candidate, top[needed - 1]) >= 0) return
    let at = top.length
    while (at > 0 && better(candidate, top[at - 1]) < 0) at--
    top.splice(at, 0, candidate)
    if (top.length > needed) top.pop()
  }

  // The candidates are within the smallest required posting (union over its fields).
  const smallest = required.reduce((a, b) => (size(a) <= size(b) ? a : b))
  const estimate = size(smallest)
  // Scoring all c candidates beats reading them in rest order when c² ≤ needed × index size (a walk reads about
  // needed × size / c entries when candidates are spread evenly).
  if (estimate * estimate <= needed * restIndex.size) {
    for (const entry of union(smallest)) if (passes(entry)) offer(entry)
  } else {
    // The argument with the most postings (the body text) is read in rest order; every other one (a headline
    // boost) has its candidates scored first: its postings are fewer, and it is what lifts a row to the top.
    const largest = scorers.reduce((a, b) => (!b!.postings || (a!.postings && a!.size >= b!.size) ? a : b))
    const sparse = new Set(scorers.filter((scorer) => scorer !== largest && scorer!.postings))
    // A candidate's bound: its sparse arguments' exact scores, every dense argument at its maximum, summed in
    // groq-js's order (floating-point addition never decreases when an operand grows: never below its score).
    const boundOf = (entry: IndexEntry | undefined) => {
      let total = 0
      for (const scorer of scorers) total += sparse.has(scorer) ? (entry ? scorer!.score(entry) : 0) : scorer!.max
      return total
    }
    const denseBound = boundOf(undefined)
    /** Whether nothing from `entry` on (in rest order) with at most this bound can reach the slice. */
    const outOfReach = (bound: number, entry: IndexEntry) => {
      if (top.length < needed) return false
      const [kScore, kEntry] = top[needed - 1]
      return kScore > bound || (kScore === bound && better([kScore, entry], [kScore, kEntry]) > 0)
    }
    // Sparse candidates grouped by bound, best first; a group bounded by no more than the dense bound is left
    // to the walk below, which reads those candidates in rest order anyway.
    const groups = new Map<number, IndexEntry[]>()
    const grouped = new Set<IndexEntry>()
    for (const scorer of sparse) {
      for (const entry of union(scorer!.postings!)) {
        if (grouped.has(entry)) continue
        grouped.add(entry)
        const bound = boundOf(entry)
        if (bound > denseBound) groups.get(bound)?.push(entry) ?? groups.set(bound, [entry])
      }
    }
    const seen = new Set<IndexEntry>()
    let stopped = false
    for (const bound of [...groups.keys()].sort((a, b) => b - a)) {
      const group = groups.get(bound)!
      for (const entry of group) seen.add(entry)
      for (const entry of inRestOrder(group, restIndex)) {
        if (outOfReach(bound, entry)) {
          stopped = true
          break
        }
        if (passes(entry)) offer(entry)
      }
      if (stopped) break
    }
    if (!stopped) {
      walkRest(restIndex, (entry) => {
        if (outOfReach(denseBound, entry)) return false
        if (!seen.has(entry) && passes(entry)) offer(entry)
        return true
      })
    }
  }
  const rows = top.slice(node.left as number, needed).map(([value, entry]) => Object.assign({}, entry.stored.doc(), {_score: value}))
  return {type: 'Value', value: rows}
}

function size(maps: Counts[]): number {
  return maps.reduce((sum, counts) => sum + counts.size, 0)
}

function* union(maps: Counts[]): Generator<IndexEntry> {
  if (maps.length === 1) return yield* maps[0].keys()
  const seen = new Set<IndexEntry>()
  for (const counts of maps) for (const entry of counts.keys()) if (!seen.has(entry)) (seen.add(entry), yield entry)
}

/** A group's members in rest order: sorted when small, read off the ordered index when large. */
function* inRestOrder(group: IndexEntry[], index: OrderedIndex): Generator<IndexEntry> {
  if (group.length <= SORT_LIMIT) return yield* [...group].sort((a, b) => index.compareKeys(a, b) || a.seq - b.seq)
  const members = new Set(group)
  for (let i = 0; i < index.size; i++) if (members.has(index.at(i))) yield index.at(i)
}

/** Visits the index in order while `visit` returns true. */
function walkRest(index: OrderedIndex, visit: (entry: IndexEntry) => boolean): void {
  for (let i = 0; i < index.size; i++) if (!visit(index.at(i))) return
}
