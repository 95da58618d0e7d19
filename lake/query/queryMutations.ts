/**
 * Query-based mutations of the Content Lake's mutations API, `{delete: {query, params}}` and
 * `{patch: {query, params, set, …}}`: each becomes one id-based mutation per document the query returns, before
 * the transaction is planned, so the whole transaction stays all-or-nothing.
 *
 * The query sees the `raw` perspective (mutations address stored documents: a draft by its `drafts.` id), over
 * the committed documents with the transaction's earlier mutations already applied, as the Content Lake does.
 * Each patched document that was not changed earlier in the transaction gets `ifRevisionID` = the revision
 * the query saw, so a write by another process between selection and commit fails as a conflict instead of
 * being overwritten.
 */
import {evaluate, parse} from 'groq-js'
import {assertParametersProvided} from './parameters'
import {MutationError, planTransaction} from '../store/transaction'
import type {Doc, Mutation, PatchOperations} from '../types'

export type QueryMutation =
  | {delete: {query: string; params?: Record<string, unknown>}}
  | {patch: Omit<PatchOperations, 'id'> & {query: string; params?: Record<string, unknown>}}

export interface DocumentSelection {
  query: string
  params: Record<string, unknown>
  /** The transaction's changes so far: id → document after them (null = deleted). */
  overlay: [string, Doc | null][]
}

export interface SelectedDocument {
  _id: string
  _rev?: string
}

export function isQueryMutation(mutation: unknown): mutation is QueryMutation {
  if (!mutation || typeof mutation !== 'object') return false
  const spec = (mutation as {delete?: unknown; patch?: unknown}).delete ?? (mutation as {patch?: unknown}).patch
  return !!spec && typeof spec === 'object' && typeof (spec as {query?: unknown}).query === 'string'
}

/** Runs a selection query over `documents` with the overlay applied; every result must be a stored document. */
export async function selectDocuments(selection: DocumentSelection, documents: Doc[]): Promise<SelectedDocument[]> {
  assertParametersProvided(selection.query, selection.params)
  const overlay = new Map(selection.overlay)
  const dataset = documents.filter((doc) => !overlay.has(doc._id))
  for (const doc of overlay.values()) if (doc) dataset.push(doc)
  const value = await evaluate(parse(selection.query, {params: selection.params}), {dataset, params: selection.params})
  const result = await value.get()
  const list: unknown[] = result === null || result === undefined ? [] : Array.isArray(result) ? result : [result]
  const seen = new Map<string, SelectedDocument>()
  for (const item of list) {
    const id = (item as {_id?: unknown} | null)?._id
    if (typeof id !== 'string') {
      throw new MutationError('invalid', `the mutation's query must return documents (objects with an _id), got ${JSON.stringify(item)?.slice(0, 80)}`)
    }
    const rev = (item as {_rev?: unknown})._rev
    seen.set(id, typeof rev === 'string' ? {_id: id, _rev: rev} : {_id: id})
  }
  return [...seen.values()]
}

/** The ids an id-based mutation names (before the store completes missing or `prefix.` ids). */
function namedIds(mutation: Mutation): string[] {
  const record = mutation as Record<string, {_id?: unknown; id?: unknown} | undefined>
  const spec = record.create ?? record.createOrReplace ?? record.createIfNotExists
  const id = spec ? spec._id : (record.patch ?? record.delete)?.id
  return typeof id === 'string' ? [id] : []
}

/**
 * Replaces every query-based mutation by id-based ones. `load` reads committed documents by id; `select`
 * evaluates a selection (in a query worker on the stand-in, so a slow query cannot block the server).
 */
export async function expandQueryMutations(
  mutations: unknown[],
  load: (ids: string[]) => Promise<(Doc | null | undefined)[]>,
  select: (selection: DocumentSelection) => Promise<SelectedDocument[]>,
): Promise<Mutation[]> {
  if (!mutations.some(isQueryMutation)) return mutations as Mutation[]
  const expanded: Mutation[] = []
  const committed = new Map<string, Doc | undefined>()
  for (const mutation of mutations) {
    if (!isQueryMutation(mutation)) {
      expanded.push(mutation as Mutation)
      continue
    }
    const missing = [...new Set(expanded.flatMap(namedIds))].filter((id) => !committed.has(id))
    const loaded = missing.length ? await load(missing) : []
    missing.forEach((id, index) => committed.set(id, loaded[index] ?? undefined))
    const lookup = (id: string) => committed.get(id)
    const planned = planTransaction(expanded, lookup, {transactionId: 'selection', timestamp: new Date(0).toISOString()})
    const overlay = [...planned.changes].map(([id, change]): [string, Doc | null] => [id, change.result])
    const changedEarlier = new Set(planned.changes.keys())
    if ('delete' in mutation) {
      const {query, params = {}} = mutation.delete
      for (const doc of await select({query, params, overlay})) expanded.push({delete: {id: doc._id}})
    } else {
      const {query, params = {}, ...operations} = mutation.patch
      for (const doc of await select({query, params, overlay})) {
        const guard = doc._rev && !changedEarlier.has(doc._id) && operations.ifRevisionID === undefined ? {ifRevisionID: doc._rev} : {}
        expanded.push({patch: {...operations, ...guard, id: doc._id}})
      }
    }
  }
  return expanded
}
