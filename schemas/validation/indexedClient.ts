/**
 * The client surface validators use (`withConfig`, `fetch`), answered over a `ValidationIndex`. Each
 * query is still evaluated by groq-js, so answers are GROQ's own; what the index adds is the candidate
 * set: for the query shapes the schema's validators send, only the documents that can possibly match
 * (same slug, the asked-for id and its draft) are evaluated instead of the whole dataset. Any other
 * query is evaluated over every indexed document, which is correct but slow: add a shape here when a
 * new validator's query shows up in a profile.
 */
import {evaluate, parse} from 'groq-js'
import type {SanityClient, SanityDocumentLike} from 'sanity'

import type {ValidationIndex} from './validationIndex'

type CandidateSelector = (query: string, params: Record<string, unknown>, index: ValidationIndex) => SanityDocumentLike[] | undefined

const CANDIDATE_SELECTORS: CandidateSelector[] = [
  // Sanity's default slug `isUnique`: `!defined(*[_type == $docType && !sanity::versionOf($published) && slug.current == $slug][0]._id)`.
  // A document whose slug.current differs from $slug cannot match the conjunct, so only same-slug documents matter.
  (query, params, index) =>
    typeof params.slug === 'string' && /&& slug\.current == \$slug\]/.test(query) && !query.includes('||')
      ? index.withSlug(params.slug)
      : undefined,
  // `schemas/validation/interviewKey.ts`: `*[_id in [$id, "drafts." + $id]][0]{...}`.
  (query, params, index) =>
    typeof params.id === 'string' && query.startsWith('*[_id in [$id, "drafts." + $id]]')
      ? [index.get(params.id), index.get(`drafts.${params.id}`)].filter((document): document is SanityDocumentLike => Boolean(document))
      : undefined,
]

export function createIndexedClient(index: ValidationIndex): SanityClient {
  const client = {
    withConfig: () => client,
    config: () => ({apiVersion: '2025-02-19', perspective: 'raw'}),
    fetch: async (query: string, params: Record<string, unknown> = {}) => {
      // Parsed per call: groq-js binds the parameters into the tree, so a tree cannot be reused across params.
      const tree = parse(query, {params})
      const candidates = CANDIDATE_SELECTORS.reduce<SanityDocumentLike[] | undefined>(
        (found, select) => found ?? select(query, params, index),
        undefined,
      )
      const result = await evaluate(tree, {dataset: candidates ?? index.documents(), params})
      return result.get()
    },
  }
  return client as unknown as SanityClient
}
