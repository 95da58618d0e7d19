/**
 * Plans a transaction of Sanity mutations against the current documents without touching them: every mutation
 * sees the effects of the ones before it, any failure throws before anything is written, and the result is the
 * post-image of each touched document. Patches are applied by `@sanity/mutator` (Sanity's own patch semantics:
 * setIfMissing, set, unset, diffMatchPatch, inc, dec, insert, in that order).
 */
import {randomBytes} from 'node:crypto'
import {Mutation as SanityMutation} from '@sanity/mutator'
import type {Doc, Mutation, TransactionResult} from '../types'

export interface DocumentChange {
  previous: Doc | null
  result: Doc | null
}

export interface PlannedTransaction {
  results: TransactionResult['results']
  changes: Map<string, DocumentChange>
}

/**
 * Why a transaction was refused, so callers map it without reading the message: `conflict` (the document exists,
 * or has another revision) and `notFound` (a patch target is missing) are what the Content Lake answers with 409;
 * `invalid` (a malformed mutation or document) and `unknownMutation` are the caller's mistake (400).
 */
export type MutationErrorKind = 'conflict' | 'notFound' | 'invalid' | 'unknownMutation'

export class MutationError extends Error {
  override readonly name = 'MutationError'

  constructor(
    readonly kind: MutationErrorKind,
    message: string,
  ) {
    super(message)
  }
}

const ID_PATTERN = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/

/** A Sanity-style random id: 22 characters of [a-zA-Z0-9]. */
export function randomId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  return Array.from(randomBytes(22), (byte) => alphabet[byte % alphabet.length]).join('')
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

function describe(index: number, kind: string): string {
  return `mutation ${index + 1} (${kind})`
}

function newDocument(input: unknown, where: string): Doc {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new MutationError('invalid', `${where}: expected a document object`)
  const doc = structuredClone(input) as Doc
  if (doc._id === undefined || doc._id === '') doc._id = randomId()
  else if (typeof doc._id === 'string' && doc._id.endsWith('.')) doc._id += randomId()
  if (typeof doc._id !== 'string' || !ID_PATTERN.test(doc._id)) {
    throw new MutationError('invalid', `${where}: invalid _id ${JSON.stringify(doc._id)} (use letters, digits, "_", "-" and ".", at most 128 characters)`)
  }
  if (typeof doc._type !== 'string' || !doc._type) throw new MutationError('invalid', `${where}: document "${doc._id}" has no _type`)
  return doc
}

/**
 * `lookup` returns the committed document for an id. Timestamps and `_rev` (the transaction id, as on the
 * Content Lake) are stamped on every document the transaction leaves in place.
 */
export function planTransaction(
  mutations: Mutation[],
  lookup: (id: string) => Doc | undefined,
  stamp: {transactionId: string; timestamp: string},
): PlannedTransaction {
  const changes = new Map<string, DocumentChange>()
  const results: PlannedTransaction['results'] = []
  const current = (id: string): Doc | null => (changes.has(id) ? changes.get(id)!.result : (lookup(id) ?? null))
  const record = (id: string, result: Doc | null) => {
    const change = changes.get(id)
    if (change) change.result = result
    else changes.set(id, {previous: lookup(id) ?? null, result})
  }

  mutations.forEach((mutation, index) => {
    if (!mutation || typeof mutation !== 'object') throw new MutationError('invalid', `${describe(index, '?')}: expected an object`)
    if ('create' in mutation) {
      const doc = newDocument(mutation.create, describe(index, 'create'))
      if (current(doc._id)) throw new MutationError('conflict', `${describe(index, 'create')}: document "${doc._id}" already exists`)
      record(doc._id, doc)
      results.push({id: doc._id, operation: 'create'})
    } else if ('createOrReplace' in mutation) {
      const doc = newDocument(mutation.createOrReplace, describe(index, 'createOrReplace'))
      const existing = current(doc._id)
      if (existing && doc._createdAt === undefined && existing._createdAt) doc._createdAt = existing._createdAt
      record(doc._id, doc)
      results.push({id: doc._id, operation: existing ? 'update' : 'create'})
    } else if ('createIfNotExists' in mutation) {
      const doc = newDocument(mutation.createIfNotExists, describe(index, 'createIfNotExists'))
      if (current(doc._id)) {
        results.push({id: doc._id, operation: 'none'})
      } else {
        record(doc._id, doc)
        results.push({id: doc._id, operation: 'create'})
      }
    } else if ('patch' in mutation) {
      const patch = mutation.patch
      const where = describe(index, 'patch')
      if (!patch || typeof patch.id !== 'string') throw new MutationError('invalid', `${where}: patch needs a string "id" (or a "query")`)
      const existing = current(patch.id)
      if (!existing) throw new MutationError('notFound', `${where}: document "${patch.id}" not found`)
      if (patch.ifRevisionID !== undefined && patch.ifRevisionID !== existing._rev) {
        throw new MutationError(
          'conflict',
          `${where}: document "${patch.id}" has revision "${existing._rev ?? '(none)'}", not ifRevisionID "${patch.ifRevisionID}"`,
        )
      }
      const {ifRevisionID: _ignored, ...operations} = patch
      let patched: Doc | null
      try {
        patched = new SanityMutation({mutations: [{patch: structuredClone(operations)} as never]}).apply(existing)
      } catch (error) {
        throw new MutationError('invalid', `${where} on "${patch.id}": ${(error as Error).message}`)
      }
      if (!patched || patched._id !== patch.id) throw new MutationError('invalid', `${where}: a patch cannot change or remove _id`)
      record(patch.id, patched)
      results.push({id: patch.id, operation: 'update'})
    } else if ('delete' in mutation) {
      const id = mutation.delete?.id
      if (typeof id !== 'string') throw new MutationError('invalid', `${describe(index, 'delete')}: delete needs a string "id" (or a "query")`)
      const existed = current(id) !== null
      if (existed) record(id, null)
      results.push({id, operation: existed ? 'delete' : 'none'})
    } else {
      throw new MutationError(
        'unknownMutation',
        `${describe(index, Object.keys(mutation)[0] ?? '?')}: unknown mutation; use create, createOrReplace, createIfNotExists, patch or delete`,
      )
    }
  })

  for (const [id, change] of changes) {
    if (change.previous === null && change.result === null) {
      changes.delete(id)
      continue
    }
    if (!change.result) continue
    const createdAt = change.result._createdAt ?? change.previous?._createdAt ?? stamp.timestamp
    change.result = deepFreeze({...change.result, _createdAt: createdAt, _updatedAt: stamp.timestamp, _rev: stamp.transactionId})
  }
  return {results, changes}
}
