/**
 * The three perspectives as the Content Lake defines them, kept as indexed views updated per changed document:
 * `raw` holds every document; `published` hides drafts (`drafts.*`) and release versions (`versions.*`);
 * `drafts` shows each document's draft when one exists, under the published `_id` (with `_originalId` naming the
 * draft, as the Content Lake does), else the published document. Versions never appear outside `raw`.
 */
import {DocumentIndex} from './documentIndex'
import {StoredDocument} from './storedDocument'
import type {Doc, Perspective} from '../types'

export const DRAFTS_PREFIX = 'drafts.'
export const VERSIONS_PREFIX = 'versions.'

export const isDraftId = (id: string): boolean => id.startsWith(DRAFTS_PREFIX)
export const isVersionId = (id: string): boolean => id.startsWith(VERSIONS_PREFIX)

/** `drafts.x` → `x`; `versions.<release>.x` → `x`; anything else unchanged. */
export function publishedIdOf(id: string): string {
  if (isDraftId(id)) return id.slice(DRAFTS_PREFIX.length)
  if (isVersionId(id)) return id.slice(id.indexOf('.', VERSIONS_PREFIX.length) + 1)
  return id
}

export class PerspectiveViews {
  readonly raw = new DocumentIndex()
  readonly published = new DocumentIndex()
  private draftsView: DocumentIndex | undefined = new DocumentIndex()
  /** The loaded file's documents, until the drafts view is first needed (a query, or any write). */
  private unbuiltDrafts: StoredDocument[] | undefined

  /**
   * The drafts perspective. After a load it is built on first use: only the Studio asks for it, and a process
   * serving published queries (a query worker, a site build) never pays for it.
   */
  get drafts(): DocumentIndex {
    if (!this.draftsView) {
      this.draftsView = draftsViewOf(this.unbuiltDrafts!)
      this.unbuiltDrafts = undefined
    }
    return this.draftsView
  }

  view(perspective: Perspective | 'previewDrafts' = 'published'): DocumentIndex {
    // `previewDrafts` is the Content Lake's older name for `drafts`; clients configured with it keep working.
    const view = perspective === 'previewDrafts' || perspective === 'drafts' ? this.drafts : this[perspective]
    if (!(view instanceof DocumentIndex)) {
      throw new Error(`Unknown perspective ${JSON.stringify(perspective)}: use "published", "drafts" or "raw".`)
    }
    return view
  }

  /**
   * The views of a freshly loaded file, built in one pass with the same result as `put` of each document in turn
   * (entries in first-appearance order; each draft shown in place of its published document). A file with a
   * repeated `_id` takes the general path.
   */
  static load(documents: StoredDocument[]): PerspectiveViews {
    const views = new PerspectiveViews()
    for (const stored of documents) {
      const id = stored.id
      if (!views.raw.append(id, stored)) return PerspectiveViews.putEach(documents)
      if (!isVersionId(id) && !isDraftId(id)) views.published.append(id, stored)
    }
    // Built from the same list whenever first needed: nothing else changes the views before that (`put` builds it first).
    views.draftsView = undefined
    views.unbuiltDrafts = documents
    return views
  }

  private static putEach(documents: StoredDocument[]): PerspectiveViews {
    const views = new PerspectiveViews()
    for (const stored of documents) views.put(stored.id, stored)
    return views
  }

  /** Stores a document's new state (null = deleted) and updates every view it shows in. */
  put(id: string, value: StoredDocument | Doc | null): void {
    const stored = value === null || value instanceof StoredDocument ? value : StoredDocument.fromObject(value)
    const drafts = this.drafts
    this.raw.put(id, stored)
    if (isVersionId(id)) return
    if (!isDraftId(id)) this.published.put(id, stored)
    const publishedId = publishedIdOf(id)
    const draft = this.raw.stored(DRAFTS_PREFIX + publishedId)
    drafts.put(publishedId, draft ? StoredDocument.draftOverlay(draft, publishedId) : (this.raw.stored(publishedId) ?? null))
  }
}

/** The drafts view of a loaded file's documents (no repeated `_id`), equal to `put` of each in turn. */
function draftsViewOf(documents: StoredDocument[]): DocumentIndex {
  const view = new DocumentIndex()
  const drafts: StoredDocument[] = []
  for (const stored of documents) {
    const id = stored.id
    if (isVersionId(id)) continue
    if (isDraftId(id)) drafts.push(stored)
    view.append(publishedIdOf(id), stored)
  }
  for (const draft of drafts) view.put(publishedIdOf(draft.id), StoredDocument.draftOverlay(draft, publishedIdOf(draft.id)))
  return view
}
