/**
 * History endpoints. The local store keeps no per-revision history, so the Studio's review-changes panel gets an
 * empty event list and "document at revision" answers with the current document; enough for the Studio to open
 * documents without errors.
 */
import {corsHeaders, sendJson} from '../http'
import type {Route} from '../route'

export const historyRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/data\/history\/[^/]+\/events\/documents\/([^/]+)$/,
    handle: ({req, res, params: [id]}) => sendJson(req, res, 200, {events: {[id]: []}, nextCursor: ''}),
  },
  {
    method: 'GET',
    pattern: /^\/data\/history\/[^/]+\/transactions\/[^/]+$/,
    handle: ({req, res}) => {
      // An NDJSON stream of transactions: empty, since no history is kept.
      res.writeHead(200, {...corsHeaders(req), 'content-type': 'application/x-ndjson'})
      res.end()
    },
  },
  {
    method: 'GET',
    pattern: /^\/data\/history\/[^/]+\/documents\/([^/]+)$/,
    handle: async ({ctx, req, res, params: [idList]}) => {
      const found = await ctx.lake.getDocuments(idList.split(','))
      sendJson(req, res, 200, {documents: found.filter((doc) => doc !== null)})
    },
  },
]
