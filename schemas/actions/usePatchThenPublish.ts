/**
 * The one way a Publish wrapper changes the draft: patch it, then hand over to the wrapped Publish once the
 * Studio holds the patched draft.
 *
 * Why not patch and publish in one click handler: Publish names the draft revision it last saw, so a publish
 * fired in the same tick as a patch names the pre-patch revision; the publish is refused and the editor has to
 * click Publish a second time. Sanity's own Publish already waits for syncing and validation whenever the draft
 * it sees is newer than its last validation, so handing over after the patched draft has arrived is enough.
 */
import {useCallback, useEffect, useState} from 'react'
import {
  type DocumentActionDescription,
  type DocumentActionProps,
  type SanityDocument,
  useDocumentOperation,
} from 'sanity'

/** Patch operations as `useDocumentOperation(...).patch.execute` takes them. */
export type DraftPatch = {set?: Record<string, unknown>; unset?: string[]}

/** No hand-over pending. A draft may itself be null, so "not waiting" needs its own value. */
const NOT_WAITING = Symbol('not waiting')

export function usePatchThenPublish(
  props: DocumentActionProps,
  wrapped: DocumentActionDescription | null,
): (patches: DraftPatch[]) => void {
  const {patch} = useDocumentOperation(props.id, props.type)
  const draft: SanityDocument | null = props.version ?? props.draft
  const [patchedFrom, setPatchedFrom] = useState<SanityDocument | null | typeof NOT_WAITING>(NOT_WAITING)

  useEffect(() => {
    // A new draft object means the patch has been applied; `wrapped` is from this render, so it sees it.
    if (patchedFrom === NOT_WAITING || draft === patchedFrom) return
    setPatchedFrom(NOT_WAITING)
    wrapped?.onHandle?.()
  }, [draft, patchedFrom, wrapped])

  return useCallback(
    (patches: DraftPatch[]) => {
      if (patches.length === 0) {
        wrapped?.onHandle?.()
        return
      }
      setPatchedFrom(draft)
      patch.execute(patches)
    },
    [draft, patch, wrapped],
  )
}
