/**
 * Sets an article's `publishedAt` to the moment it is first published, as part of that publish: a wrapper around
 * the incoming Publish action that patches the draft, then publishes as the wrapped action would. Sanity runs
 * `publish` only once every pending patch is confirmed (its operations wait for a consistent document), so the
 * published document carries the date. A date the editor set by hand, including a backdated one, is kept.
 * It wraps rather than replaces Publish, so it composes with the search-fields wrapper in `document.actions`:
 * `prev.map((action) => (action.action === 'publish' ? withPublishedAt(action) : action))`.
 */
import {useMemo} from 'react'
import {useDocumentOperation, type DocumentActionComponent} from 'sanity'

/** Document types whose `publishedAt` is filled in on first publish. */
export const PUBLISHED_AT_TYPES: readonly string[] = ['article']

export function withPublishedAt(publish: DocumentActionComponent): DocumentActionComponent {
  const PublishWithPublishedAt: DocumentActionComponent = (props) => {
    const wrapped = publish(props)
    const {patch} = useDocumentOperation(props.id, props.type)
    const document = props.version ?? props.draft
    const handled = useMemo(() => {
      if (!wrapped || !PUBLISHED_AT_TYPES.includes(props.type)) return wrapped
      return {
        ...wrapped,
        onHandle: () => {
          if (document && !document.publishedAt) patch.execute([{set: {publishedAt: new Date().toISOString()}}])
          wrapped.onHandle?.()
        },
      }
    }, [wrapped, document, patch, props.type])
    return handled
  }
  PublishWithPublishedAt.action = publish.action
  PublishWithPublishedAt.displayName = `WithPublishedAt(${publish.displayName ?? publish.name ?? 'Publish'})`
  return PublishWithPublishedAt
}
