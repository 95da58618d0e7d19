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
  readonly drafts = new DocumentIndex()

  view(perspective: Perspective | 'previewDrafts' = 'published'): DocumentIndex {
    // `previewDrafts` is the Content Lake's older name for `drafts`; clients configured with it keep working.
    const view = this[perspective === 'previewDrafts' ? 'drafts' : perspective]
    if (!(view instanceof DocumentIndex)) {
      throw new Error(`Unknown perspective ${JSON.stringify(perspective)}: use "published", "drafts" or "raw".`)
    }
    return view
  }

  /** Stores a document's new state (null = deleted) and updates every view it shows in. */
  put(id: string, value: StoredDocument | Doc | null): void {
    const stored = value === null || value instanceof StoredDocument ? value : StoredDocument.fromObject(value)
    this.raw.put(id, stored)
    if (isVersionId(id)) return
    if (!isDraftId(id)) this.published.put(id, stored)
    const publishedId = publishedIdOf(id)
    const draft = this.raw.get(DRAFTS_PREFIX + publishedId)
    const overlay = draft
      ? StoredDocument.fromObject(Object.freeze({...draft, _id: publishedId, _originalId: draft._id}))
      : (this.raw.stored(publishedId) ?? null)
    this.drafts.put(publishedId, overlay)
  }
}
