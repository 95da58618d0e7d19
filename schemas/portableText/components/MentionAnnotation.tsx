/**
 * How a mention reads in the body editor: clicking the annotated words opens Sanity's popover, which shows the
 * annotation's title. The default title is the type ("Company mention"); this component hands Sanity's default
 * rendering the mentioned entity's names instead (`Huawei · 华为`), as the pencil dialog's reference preview does.
 */
import {useEffect, useMemo, useState} from 'react'
import {useClient, type BlockAnnotationProps} from 'sanity'

const API_VERSION = '2025-02-19'
// English and Chinese names across the mentionable types (company/source: name, nameZh; regulation: title, titleZh).
const NAMES_QUERY = `*[_id == $id][0]{"english": coalesce(name, title), "chinese": coalesce(nameZh, titleZh)}`

interface EntityNames {
  english?: string | null
  chinese?: string | null
}

/** `Huawei · 华为`, or whichever name exists; undefined when neither does. */
export function entityLabel(names: EntityNames | null | undefined): string | undefined {
  const parts = [names?.english, names?.chinese].filter((part): part is string => Boolean(part?.trim()))
  return parts.length > 0 ? [...new Set(parts)].join(' · ') : undefined
}

/** Names of the referenced document, drafts first (an entity created minutes ago is mentioned too). */
function useEntityNames(referenceId: string | undefined): EntityNames | undefined {
  const client = useClient({apiVersion: API_VERSION})
  const [names, setNames] = useState<EntityNames | undefined>(undefined)
  useEffect(() => {
    if (!referenceId) return undefined
    let current = true
    client
      .fetch<EntityNames | null>(NAMES_QUERY, {id: referenceId}, {perspective: 'drafts'})
      .then((found) => current && setNames(found ?? undefined))
      // Without names the popover keeps the type's title; the mention itself is unaffected.
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [client, referenceId])
  return names
}

/** An annotation component for a mention type whose reference sits in `referenceField`. */
export function createMentionAnnotation(referenceField: string) {
  function MentionAnnotation(props: BlockAnnotationProps) {
    const reference = (props.value as Record<string, {_ref?: string} | undefined> | undefined)?.[referenceField]
    const label = entityLabel(useEntityNames(reference?._ref))
    const titled = useMemo(
      () => (label ? {...props, schemaType: {...props.schemaType, title: label}} : props),
      [label, props],
    )
    return (
      <span data-testid="mention-annotation" title={label ?? props.schemaType.title}>
        {props.renderDefault(titled)}
      </span>
    )
  }
  MentionAnnotation.displayName = `MentionAnnotation(${referenceField})`
  return MentionAnnotation
}
