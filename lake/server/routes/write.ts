/**
 * Writes: `POST /data/mutate/<ds>` (the client's mutations API, including `delete`/`patch` by `query`) and
 * `POST /data/actions/<ds>` (what the Studio uses for drafts and publishing). Bodies over the Content Lake's
 * 4,000,000-byte limit are refused unread. Requests are applied one at a time, because actions and query-based
 * mutations read the current documents before they decide which mutations to send, and that read must not
 * interleave with another write.
 */
import {randomUUID} from 'node:crypto'

import {actionsToMutations, type DocumentAction} from '../documentActions'
import {HttpError, readJson, sendJson} from '../http'
import {MUTATION_BODY_LIMIT_BYTES} from '../limits'
import {queryHttpError, queryRunnerOf} from '../queryContract'
import {QueryFailedError} from '../queryWorkers/queryRunner'
import type {Route} from '../route'
import type {StandInContext} from '../types'
import {expandQueryMutations} from '../../query/queryMutations'
import {MutationError} from '../../store/transaction'
import type {Mutation} from '../../types'

let queue: Promise<unknown> = Promise.resolve()

function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task)
  queue = run.catch(() => undefined)
  return run
}

/** The store's typed refusals as the Content Lake answers them: conflicts 409, malformed mutations 400. */
function mutationHttpError(error: unknown): unknown {
  if (error instanceof MutationError) {
    const status = error.kind === 'conflict' || error.kind === 'notFound' ? 409 : 400
    return new HttpError(status, error.message, 'mutationError')
  }
  if (error instanceof QueryFailedError && error.info.name === 'MutationError') return new HttpError(400, error.message, 'mutationError')
  return error
}

async function commit(ctx: StandInContext, mutations: unknown[], transactionId: string | undefined, dryRun: boolean) {
  let current = ''
  try {
    const expanded = await expandQueryMutations(
      mutations,
      async (ids) => ctx.lake.getDocuments(ids),
      (selection) => ((current = selection.query), queryRunnerOf(ctx).select(selection)),
    )
    return await ctx.lake.mutate(expanded, {transactionId: transactionId || randomUUID(), dryRun})
  } catch (error) {
    const mapped = mutationHttpError(error)
    throw mapped === error ? queryHttpError(error, current) : mapped
  }
}

export const writeRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/data\/mutate\/[^/]+$/,
    handle: async ({ctx, req, res, url}) => {
      const body = await readJson<{mutations?: Mutation[]; transactionId?: string}>(req, MUTATION_BODY_LIMIT_BYTES)
      if (!Array.isArray(body.mutations)) throw new HttpError(400, 'Body must be {"mutations": [...]}')
      // Missing ids and ids ending in `.` are completed by the store, as on the Content Lake.
      const mutations = body.mutations
      const dryRun = url.searchParams.get('dryRun') === 'true'
      const result = await oneAtATime(() => commit(ctx, mutations, body.transactionId, dryRun))
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
      const body = await readJson<{actions?: DocumentAction | DocumentAction[]; transactionId?: string; dryRun?: boolean}>(req, MUTATION_BODY_LIMIT_BYTES)
      const actions = Array.isArray(body.actions) ? body.actions : body.actions ? [body.actions] : []
      if (actions.length === 0) throw new HttpError(400, 'Body must be {"actions": [...]}')
      const dryRun = body.dryRun === true || url.searchParams.get('dryRun') === 'true'
      const result = await oneAtATime(async () => {
        const mutations = await actionsToMutations(actions, async (id) => (await ctx.lake.getDocument(id)) ?? null)
        return commit(ctx, mutations, body.transactionId, dryRun)
      })
      sendJson(req, res, 200, {transactionId: result.transactionId})
    },
  },
]
