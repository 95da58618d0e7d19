/**
 * Decides, per document, whether the import creates, updates or leaves it unchanged, by comparing with
 * what the target holds (ignoring `_rev`, `_createdAt`, `_updatedAt`). Shared entities are
 * `createIfNotExists`: once they exist they are "unchanged" whatever editors did to them since.
 * Only created and updated documents are written, so a second identical run writes nothing.
 */
import type {Mutation} from '../../lake'
import type {ImportDocument, Outcome, PlannedDocument} from '../types'

export interface PlannedOutcome {
  id: string
  type: string
  file: string
  operation: PlannedDocument['operation']
  outcome: Outcome
}

const SYSTEM_FIELDS = new Set(['_rev', '_createdAt', '_updatedAt'])

export function planWrites(
  planned: PlannedDocument[],
  existing: ReadonlyMap<string, ImportDocument>,
): {outcomes: PlannedOutcome[]; mutations: Mutation[]} {
  const outcomes: PlannedOutcome[] = []
  const mutations: Mutation[] = []
  for (const entry of planned) {
    const {operation, file} = entry
    const stored = existing.get(entry.document._id)
    const document = keepFirstImportedAt(entry.document, stored)
    const outcome: Outcome = !stored
      ? 'created'
      : operation === 'createIfNotExists' || sameContent(stored, document)
        ? 'unchanged'
        : 'updated'
    outcomes.push({id: document._id, type: document._type, file, operation, outcome})
    if (outcome !== 'unchanged') {
      mutations.push(operation === 'createOrReplace' ? {createOrReplace: document} : {createIfNotExists: document})
    }
  }
  return {outcomes, mutations}
}

/**
 * The dataset context already gave each article its first `importedAt`; but when another import wrote
 * the article after that context was read (two imports at once), the stored time read under the lock
 * is the first one. Returns a copy; key order is kept, so the written bytes match a single import's.
 */
function keepFirstImportedAt(document: ImportDocument, stored: ImportDocument | undefined): ImportDocument {
  const storedAt = (stored?.legacy as {importedAt?: unknown} | undefined)?.importedAt
  const legacy = document.legacy as Record<string, unknown> | undefined
  if (document._type !== 'article' || typeof storedAt !== 'string' || !legacy || legacy.importedAt === storedAt) return document
  return {...document, legacy: {...legacy, importedAt: storedAt}}
}

export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b)
}

/** JSON with object keys sorted and system fields left out, so key order never counts as a change. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (key, inner) => {
    if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return inner
    const sorted: Record<string, unknown> = {}
    for (const field of Object.keys(inner).sort()) {
      if (!SYSTEM_FIELDS.has(field)) sorted[field] = (inner as Record<string, unknown>)[field]
    }
    return sorted
  })
}
