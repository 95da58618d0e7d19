/**
 * The reference the local store is compared with: plain groq-js over an array of documents, no
 * index, no dereference function, perspectives applied the way the Content Lake defines them.
 */
import {evaluate, parse} from 'groq-js'

import type {Doc} from '../../lake'
import type {QueryPerspective} from '../../queries'

const isDraft = (id: string) => id.startsWith('drafts.')
const isVersion = (id: string) => id.startsWith('versions.')

/** The documents a perspective shows: published hides drafts and versions; drafts overlays drafts. */
export function documentsInPerspective(documents: readonly Doc[], perspective: QueryPerspective): Doc[] {
  if (perspective === 'raw') return [...documents]
  const published = documents.filter((doc) => !isDraft(doc._id) && !isVersion(doc._id))
  if (perspective === 'published') return published
  const drafts = new Map(documents.filter((doc) => isDraft(doc._id)).map((doc) => [doc._id.slice('drafts.'.length), doc]))
  const overlaid = published.map((doc) => {
    const draft = drafts.get(doc._id)
    return draft ? {...draft, _id: doc._id, _originalId: draft._id} : doc
  })
  const draftOnly = [...drafts].filter(([id]) => !published.some((doc) => doc._id === id))
  return [...overlaid, ...draftOnly.map(([id, draft]) => ({...draft, _id: id, _originalId: draft._id}))]
}

export async function plainGroqFetch(
  documents: readonly Doc[],
  query: string,
  params: Record<string, unknown>,
  perspective: QueryPerspective = 'published',
): Promise<unknown> {
  // Parameters go to the parser too: `[0...$limit]` needs a constant bound in groq-js.
  const tree = parse(query, {params})
  const result = await evaluate(tree, {dataset: documentsInPerspective(documents, perspective), params})
  return result.get()
}
