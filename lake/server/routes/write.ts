/**
 * Writes: `POST /data/mutate/<ds>` (the client's mutations API) and `POST /data/actions/<ds>` (what the Studio
 * uses for drafts and publishing). Requests are applied one at a time, because actions read the current
 * documents before they decide which mutations to send, and that read must not interleave with another write.
 */
import {randomUUID} from 'node:crypto'

import {actionsToMutations, type DocumentAction} from '../documentActions'
import {HttpError, readJson, sendJson} from '../http'
import type {Route} from '../route'
import type {LakeStore} from '../types'
import type {Mutation} from '../../types'

let queue: Promise<unknown> = Promise.resolve()

function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task)
  queue = run.catch(() => undefined)
  return run
}

/** Store errors become 409 when they are about revisions or existence (what the Studio retries on), else 400. */
async function commit(lake: LakeStore, mutations: Mutation[], transactionId: string | undefined, dryRun: boolean) {
  try {
    return await lake.mutate(mutations, {transactionId: transactionId || randomUUID(), dryRun})
  } catch (error) {
    if (error instanceof HttpError) throw error
    const message = error instanceof Error ? error.message : String(error)
    const conflict = /revision|exist|already/i.test(message)
    throw new HttpError(conflict ? 409 : 400, message, conflict ? 'conflictError' : 'mutationError')
  }
}

export const writeRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/data\/mutate\/[^/]+$/,
    handle: async ({ctx, req, res, url}) => {
      const body = await readJson<{mutations?: Mutation[]; transactionId?: string}>(req)
      if (!Array.isArray(body.mutations)) throw new HttpError(400, 'Body must be {"mutations": [...]}')
      // Missing ids and ids ending in `.` are completed by the store, as on the Content Lake.
      const mutations = body.mutations
      const dryRun = url.searchParams.get('dryRun') === 'true'
      const result = await oneAtATime(() => commit(ctx.lake, mutations, body.transactionId, dryRun))
      const returnDocuments = url.searchParams.get('returnDocuments') === 'true'
      const documents = returnDocuments ? await ctx.lake.getDocuments(result.results.map((r) => r.id)) : []
      sendJson(req, res, 200, {
        transactionId: result.transactionId,
        results: result.results.map((r, index) => (returnDocuments ? {...r, document: documents[index]} : r)),
        documentIds: result.documentIds,
      })
    },
  },
  {
    method: 'POST',
    pattern: /^\/data\/actions\/[^/]+$/,
    handle: async ({ctx, req, res, url}) => {
      const body = await readJson<{actions?: DocumentAction | DocumentAction[]; transactionId?: string; dryRun?: boolean}>(req)
      const actions = Array.isArray(body.actions) ? body.actions : body.actions ? [body.actions] : []
      if (actions.length === 0) throw new HttpError(400, 'Body must be {"actions": [...]}')
      const dryRun = body.dryRun === true || url.searchParams.get('dryRun') === 'true'
      const result = await oneAtATime(async () => {
        const mutations = await actionsToMutations(actions, async (id) => (await ctx.lake.getDocument(id)) ?? null)
        return commit(ctx.lake, mutations, body.transactionId, dryRun)
      })
      sendJson(req, res, 200, {transactionId: result.transactionId})
    },
  },
]
