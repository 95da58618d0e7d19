/**
 * The Content Lake's document actions (`POST /data/actions/<ds>`) expressed as plain mutations on the local store.
 * The Studio edits through these: `edit` patches the draft (creating it from the published document first),
 * `publish` moves the draft over the published document, `discard`/`delete`/`unpublish` as their names say.
 * Semantics follow https://www.sanity.io/docs/http-actions; every action of one request is one transaction.
 */
import {HttpError} from './http'
import type {Doc, Mutation, PatchOperations} from '../types'

export interface DocumentAction {
  actionType: string
  [field: string]: unknown
}

type Lookup = (id: string) => Promise<Doc | null>

const SYSTEM_FIELDS = ['_rev', '_createdAt', '_updatedAt'] as const

function withoutSystemFields(doc: Doc, id: string): Doc {
  const copy: Doc = {...doc, _id: id}
  for (const field of SYSTEM_FIELDS) delete copy[field]
  return copy
}

function requireString(action: DocumentAction, field: string): string {
  const value = action[field]
  if (typeof value !== 'string' || !value) {
    throw new HttpError(400, `Action ${action.actionType} needs a string "${field}"`, 'validationError')
  }
  return value
}

/**
 * Translates actions into one list of mutations. `lookup` reads the committed state; documents written by an
 * earlier action in the same request are tracked here so e.g. `create` followed by `edit` works.
 */
export async function actionsToMutations(actions: DocumentAction[], lookup: Lookup): Promise<Mutation[]> {
  const pending = new Map<string, Doc | null>()
  const current = async (id: string) => (pending.has(id) ? pending.get(id)! : await lookup(id))
  const mutations: Mutation[] = []
  const write = (doc: Doc) => {
    pending.set(doc._id, doc)
    mutations.push({createOrReplace: doc})
  }
  const remove = (id: string) => {
    pending.set(id, null)
    mutations.push({delete: {id}})
  }

  for (const action of actions) {
    switch (action.actionType) {
      case 'sanity.action.document.create':
      case 'sanity.action.document.version.create': {
        const publishedId = requireString(action, 'publishedId')
        const attributes = (action.attributes ?? action.document) as Doc | undefined
        if (!attributes?._type) throw new HttpError(400, `${action.actionType} needs "attributes" with a _type`)
        const id = attributes._id || `drafts.${publishedId}`
        if (await current(id)) {
          if (action.ifExists === 'ignore') break
          throw new HttpError(409, `Document "${id}" already exists`, 'documentAlreadyExistsError')
        }
        pending.set(id, {...attributes, _id: id})
        mutations.push({create: {...attributes, _id: id}})
        break
      }
      case 'sanity.action.document.edit': {
        const draftId = requireString(action, 'draftId')
        const publishedId = requireString(action, 'publishedId')
        if (!(await current(draftId))) {
          const published = await current(publishedId)
          if (!published) {
            throw new HttpError(409, `Cannot edit "${publishedId}": neither a draft nor a published version exists`)
          }
          write(withoutSystemFields(published, draftId))
        }
        const patch = (action.patch ?? {}) as Omit<PatchOperations, 'id'>
        mutations.push({patch: {...patch, id: draftId}})
        // The patched content is only known after the store applies it; later actions must not copy it.
        pending.set(draftId, {_id: draftId, _type: 'unknown'})
        break
      }
      case 'sanity.action.document.publish': {
        const draftId = requireString(action, 'draftId')
        const publishedId = requireString(action, 'publishedId')
        const draft = await current(draftId)
        if (!draft) throw new HttpError(409, `Cannot publish "${publishedId}": there is no draft "${draftId}"`)
        const published = await current(publishedId)
        if (action.ifDraftRevisionId && draft._rev !== action.ifDraftRevisionId) {
          throw new HttpError(409, `Draft "${draftId}" has revision ${draft._rev}, expected ${action.ifDraftRevisionId}`)
        }
        if (action.ifPublishedRevisionId && published?._rev !== action.ifPublishedRevisionId) {
          throw new HttpError(409, `"${publishedId}" has revision ${published?._rev}, expected ${action.ifPublishedRevisionId}`)
        }
        write(withoutSystemFields(draft, publishedId))
        remove(draftId)
        break
      }
      case 'sanity.action.document.unpublish': {
        const draftId = requireString(action, 'draftId')
        const publishedId = requireString(action, 'publishedId')
        const published = await current(publishedId)
        if (!published) throw new HttpError(409, `Cannot unpublish "${publishedId}": it is not published`)
        if (!(await current(draftId))) write(withoutSystemFields(published, draftId))
        remove(publishedId)
        break
      }
      case 'sanity.action.document.discard':
      case 'sanity.action.document.version.discard': {
        const id = requireString(action, action.actionType.endsWith('version.discard') ? 'versionId' : 'draftId')
        if (!(await current(id))) throw new HttpError(409, `Cannot discard "${id}": it does not exist`)
        remove(id)
        break
      }
      case 'sanity.action.document.delete': {
        const publishedId = requireString(action, 'publishedId')
        const drafts = Array.isArray(action.includeDrafts) ? (action.includeDrafts as string[]) : []
        for (const id of new Set([publishedId, `drafts.${publishedId}`, ...drafts])) {
          if (await current(id)) remove(id)
        }
        break
      }
      case 'sanity.action.document.replaceDraft':
      case 'sanity.action.document.version.replace': {
        const attributes = (action.attributes ?? action.document) as Doc | undefined
        if (!attributes?._type) throw new HttpError(400, `${action.actionType} needs a document with a _type`)
        const id = attributes._id || `drafts.${requireString(action, 'publishedId')}`
        write({...withoutSystemFields(attributes, id)})
        break
      }
      default:
        throw new HttpError(400, `Unsupported action type "${action.actionType}" in the local Content Lake stand-in`)
    }
  }
  return mutations
}
