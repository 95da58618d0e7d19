/**
 * Keeps the hidden search fields (`searchText`, `searchTitle`) of articles and companies in step
 * with what is published: a wrapper around the incoming Publish action that patches the draft with
 * freshly computed fields, then publishes as the wrapped action would. It wraps rather than
 * replaces Publish, so it composes with other wrappers (the publishedAt one) in `document.actions`:
 * `prev.map((action) => (action.action === 'publish' ? withSearchFields(action) : action))`.
 *
 * An article is also found by the names of the companies it references; those are fetched while the
 * document is open (not on click), because the patch must happen synchronously before publishing:
 * Publish reads the draft as it stands when it runs, which is what Sanity's own "patch, then publish"
 * pattern relies on.
 */
import {useEffect, useMemo, useState} from 'react'
import {useClient, type DocumentActionComponent, type SanityDocument} from 'sanity'

import {SEARCH_TEXT_FIELD, SEARCH_TITLE_FIELD} from '../search/searchFields'
import {referencedCompanyIds, SEARCHABLE_TYPES, searchFieldsFor, type CompanyNames} from '../search/searchTextFor'
import {type DraftPatch, usePatchThenPublish} from './usePatchThenPublish'

const API_VERSION = '2025-02-19'
const COMPANY_NAMES_QUERY = `*[_type == "company" && _id in $ids]{_id, name, nameZh, aliases}`

/** Names of the companies a document references, by id; refetched when the set of references changes. */
function useCompanyNames(document: SanityDocument | null | undefined): Map<string, CompanyNames> {
  const client = useClient({apiVersion: API_VERSION})
  const ids = document?._type === 'article' ? referencedCompanyIds(document) : []
  const idsKey = ids.join('\n')
  const [names, setNames] = useState(() => new Map<string, CompanyNames>())
  useEffect(() => {
    const wanted = idsKey ? idsKey.split('\n') : []
    if (wanted.length === 0) return undefined
    let current = true
    client
      .fetch<(CompanyNames & {_id: string})[]>(COMPANY_NAMES_QUERY, {ids: wanted}, {perspective: 'published'})
      .then((rows) => {
        if (current) setNames(new Map(rows.map((row) => [row._id, row])))
      })
      // Without names the article is still found by its own text; publishing must not fail for this.
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [client, idsKey])
  return names
}

export function withSearchFields(publish: DocumentActionComponent): DocumentActionComponent {
  const PublishWithSearchFields: DocumentActionComponent = (props) => {
    const wrapped = publish(props)
    const patchThenPublish = usePatchThenPublish(props, wrapped)
    const document = props.version ?? props.draft ?? props.published
    const companyNames = useCompanyNames(document)
    const handled = useMemo(() => {
      if (!wrapped || !(SEARCHABLE_TYPES as readonly string[]).includes(props.type)) return wrapped
      return {
        ...wrapped,
        onHandle: () => {
          const patches: DraftPatch[] = []
          if (document) {
            const fields = searchFieldsFor(document, {companyNames: (id) => companyNames.get(id)})
            const set: Record<string, string> = {}
            const unset: string[] = []
            for (const name of [SEARCH_TEXT_FIELD, SEARCH_TITLE_FIELD] as const) {
              const value = fields[name]
              if (value === document[name]) continue
              if (value === undefined) unset.push(name)
              else set[name] = value
            }
            if (Object.keys(set).length) patches.push({set})
            if (unset.length) patches.push({unset})
          }
          patchThenPublish(patches)
        },
      }
    }, [wrapped, document, companyNames, patchThenPublish, props.type])
    return handled
  }
  PublishWithSearchFields.action = publish.action
  PublishWithSearchFields.displayName = `WithSearchFields(${publish.displayName ?? publish.name ?? 'Publish'})`
  return PublishWithSearchFields
}
