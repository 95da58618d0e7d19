/**
 * The documents validation may look at (the ones being validated and what the dataset already holds),
 * indexed by id and by `slug.current`, so the validators' questions ("does this id exist?", "does any
 * other document of this type use this slug?", "which interviews has this speaker?") are map look-ups
 * instead of groq-js scanning every document once per check.
 *
 * A later `add` of the same id replaces the earlier one: the run's version of a document stands in for
 * the stored one, exactly as the write will. Documents may be stubs carrying only what validators read
 * (`_id`, `_type`, `slug`, `interviews[]._key`), which is how the importer describes a large dataset.
 */
import type {SanityDocumentLike} from 'sanity'

export class ValidationIndex {
  private readonly byId = new Map<string, SanityDocumentLike>()
  private readonly bySlug = new Map<string, Set<string>>()

  constructor(documents: Iterable<SanityDocumentLike> = []) {
    for (const document of documents) this.add(document)
  }

  add(document: SanityDocumentLike): void {
    const earlier = this.byId.get(document._id)
    if (earlier) this.bySlug.get(slugOf(earlier) ?? '')?.delete(document._id)
    this.byId.set(document._id, document)
    const slug = slugOf(document)
    if (slug === undefined) return
    let ids = this.bySlug.get(slug)
    if (!ids) this.bySlug.set(slug, (ids = new Set()))
    ids.add(document._id)
  }

  has(id: string): boolean {
    return this.byId.has(id)
  }

  get(id: string): SanityDocumentLike | undefined {
    return this.byId.get(id)
  }

  /** Every document whose `slug.current` equals `slug`, whatever its type. */
  withSlug(slug: string): SanityDocumentLike[] {
    return [...(this.bySlug.get(slug) ?? [])].map((id) => this.byId.get(id)!)
  }

  documents(): SanityDocumentLike[] {
    return [...this.byId.values()]
  }

  get size(): number {
    return this.byId.size
  }
}

export function slugOf(document: unknown): string | undefined {
  const current = (document as {slug?: {current?: unknown}} | undefined)?.slug?.current
  return typeof current === 'string' ? current : undefined
}

/**
 * What the validators read of a document other than the one they validate: id and type (references,
 * slug uniqueness per type), `slug`, and `interviews[]._key` (interview-key rule), the fields the
 * importer's dataset stubs carry too. Sent to validation workers instead of whole documents.
 */
export function validationStub(document: SanityDocumentLike): SanityDocumentLike {
  const {_id, _type, slug, interviews} = document as SanityDocumentLike & {slug?: unknown; interviews?: unknown}
  const stub: Record<string, unknown> = {_id, _type}
  if (slug !== undefined) stub.slug = slug
  if (Array.isArray(interviews)) stub.interviews = interviews.map((entry) => ({_key: (entry as {_key?: unknown})?._key}))
  return stub as SanityDocumentLike
}
