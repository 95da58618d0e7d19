/**
 * Sets an article's `publishedAt` to the moment it is first published, as part of that publish: a wrapper around
 * the incoming Publish action that patches the draft, then publishes as the wrapped action would once the patched
 * draft has arrived (`usePatchThenPublish`), so the published document carries the date. A date the editor set by
 * hand, including a backdated one, is kept.
 * It wraps rather than replaces Publish, so it composes with the search-fields wrapper in `document.actions`:
 * `prev.map((action) => (action.action === 'publish' ? withPublishedAt(action) : action))`.
 */
import {useMemo} from 'react'
import type {DocumentActionComponent} from 'sanity'

import {usePatchThenPublish} from './usePatchThenPublish'

/** Document types whose `publishedAt` is filled in on first publish. */
export const PUBLISHED_AT_TYPES: readonly string[] = ['article']

export function withPublishedAt(publish: DocumentActionComponent): DocumentActionComponent {
  const PublishWithPublishedAt: DocumentActionComponent = (props) => {
    const wrapped = publish(props)
    const patchThenPublish = usePatchThenPublish(props, wrapped)
    const document = props.version ?? props.draft
    const handled = useMemo(() => {
      if (!wrapped || !PUBLISHED_AT_TYPES.includes(props.type)) return wrapped
      return {
        ...wrapped,
        onHandle: () =>
          patchThenPublish(document && !document.publishedAt ? [{set: {publishedAt: new Date().toISOString()}}] : []),
      }
    }, [wrapped, document, patchThenPublish, props.type])
    return handled
  }
  PublishWithPublishedAt.action = publish.action
  PublishWithPublishedAt.displayName = `WithPublishedAt(${publish.displayName ?? publish.name ?? 'Publish'})`
  return PublishWithPublishedAt
}
