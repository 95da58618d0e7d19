/**
 * Runs every document of an import through Sanity's own validation (`validateDocuments` from
 * `schemas/`) before anything is written. Documents are validated in small batches, each with just the
 * context its rules can look at: the documents it references and any document sharing one of its slugs.
 * That gives the same answers as validating against the whole dataset (uniqueness only ever matches
 * equal slugs), without every slug check scanning 10,000 documents.
 */
import type {SanityDocumentLike} from 'sanity'

import {type ValidationProblem, validateDocuments} from '../../schemas/validation'
import type {ImportTarget} from '../write/importTarget'
import type {PlannedDocument} from '../types'

const BATCH_SIZE = 100

export async function validateBeforeWrite(
  planned: PlannedDocument[],
  target: ImportTarget,
  onProgress?: (done: number, total: number) => void,
): Promise<ValidationProblem[]> {
  const runDocuments = new Map(planned.map((entry) => [entry.document._id, entry.document]))
  const bySlug = new Map<string, SanityDocumentLike[]>()
  for (const document of runDocuments.values()) {
    const slug = slugOf(document)
    if (slug) bySlug.set(slug, [...(bySlug.get(slug) ?? []), document])
  }

  const problems: ValidationProblem[] = []
  for (let start = 0; start < planned.length; start += BATCH_SIZE) {
    const batch = planned.slice(start, start + BATCH_SIZE).map((entry) => entry.document)
    const referenced = new Set(batch.flatMap((document) => collectRefs(document)))
    const slugs = [...new Set(batch.map(slugOf).filter((slug): slug is string => Boolean(slug)))]
    const context = new Map<string, SanityDocumentLike>()
    for (const id of referenced) {
      const own = runDocuments.get(id)
      if (own) context.set(id, own)
    }
    for (const slug of slugs) for (const document of bySlug.get(slug) ?? []) context.set(document._id, document)
    const missingRefs = [...referenced].filter((id) => !context.has(id))
    const fromDataset = await target.fetch<SanityDocumentLike[]>(
      '*[_id in $ids || _id in $draftIds || slug.current in $slugs]',
      {ids: missingRefs, draftIds: missingRefs.map((id) => `drafts.${id}`), slugs},
    )
    // The run's version of a document replaces the stored one, exactly as the write will.
    const existingDocuments = [...fromDataset.filter((document) => !runDocuments.has(document._id)), ...context.values()]
    problems.push(...(await validateDocuments(batch as SanityDocumentLike[], {existingDocuments})))
    onProgress?.(Math.min(start + BATCH_SIZE, planned.length), planned.length)
  }
  return problems
}

function slugOf(document: SanityDocumentLike): string | undefined {
  const slug = (document as {slug?: {current?: unknown}}).slug?.current
  return typeof slug === 'string' ? slug : undefined
}

function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, into)
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (typeof record._ref === 'string') into.push(record._ref)
    for (const child of Object.values(record)) collectRefs(child, into)
  }
  return into
}
