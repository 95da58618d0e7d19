/**
 * Who is editing and what they may do. Offline there is one local editor with every grant; these answers are
 * what the Studio asks for before it shows the desk (`/users/me` logging in is what `loginMethod: 'token'` needs).
 */
import {HttpError, readJson, sendJson} from '../http'
import {SETTINGS_BODY_LIMIT_BYTES} from '../limits'
import type {Route} from '../route'

export const LOCAL_EDITOR = {
  id: 'local-editor',
  name: 'Local Editor',
  email: 'editor@localhost',
  profileImage: null,
  role: 'administrator',
  roles: [{name: 'administrator', title: 'Administrator', description: 'Offline local Studio'}],
  provider: 'local',
}

const ALL_PERMISSIONS = ['history', 'read', 'update', 'create', 'manage']

/** Per-process user settings (`/users/me/keyvalue`): the Studio keeps view preferences there. */
const keyValues = new Map<string, unknown>()

/** The Studio sends `[{key, value}, …]`; anything else is the caller's mistake, answered before anything is stored. */
function keyValuePairs(body: unknown): {key: string; value: unknown}[] {
  if (!Array.isArray(body)) throw new HttpError(400, 'Body must be an array of {"key": string, "value": …} pairs', 'validationError')
  body.forEach((pair, index) => {
    if (!pair || typeof pair !== 'object' || typeof (pair as {key?: unknown}).key !== 'string') {
      throw new HttpError(400, `Pair ${index + 1} must be an object with a string "key"`, 'validationError')
    }
  })
  return body as {key: string; value: unknown}[]
}

export const identityRoutes: Route[] = [
  {method: 'GET', pattern: /^\/users\/me$/, handle: ({req, res}) => sendJson(req, res, 200, LOCAL_EDITOR)},
  {method: 'GET', pattern: /^\/auth\/id$/, handle: ({req, res}) => sendJson(req, res, 200, {id: LOCAL_EDITOR.id})},
  {method: 'GET', pattern: /^\/ping$/, handle: ({req, res}) => sendJson(req, res, 200, 'PONG')},
  {method: 'GET', pattern: /^\/data\/ping\/[^/]+$/, handle: ({req, res}) => sendJson(req, res, 200, 'PONG')},
  {
    method: 'GET',
    pattern: /^\/projects\/([^/]+)$/,
    handle: ({req, res, params: [projectId]}) =>
      sendJson(req, res, 200, {
        id: projectId,
        displayName: 'China Desk (local)',
        studioHost: null,
        isBlocked: false,
        isDisabled: false,
        isDisabledByUser: false,
        metadata: {},
        organizationId: null,
        features: [],
        members: [{...LOCAL_EDITOR, isCurrentUser: true, isRobot: false}],
      }),
  },
  {
    method: 'GET',
    pattern: /^\/projects\/[^/]+\/datasets$/,
    handle: ({req, res, ctx}) => sendJson(req, res, 200, [{name: ctx.dataset, aclMode: 'public', tags: []}]),
  },
  {
    method: 'GET',
    pattern: /^\/projects\/[^/]+\/datasets\/[^/]+\/acl$/,
    handle: ({req, res}) =>
      sendJson(req, res, 200, [{filter: '_id in path("**")', permissions: ALL_PERMISSIONS}]),
  },
  {
    method: 'GET',
    pattern: /^\/projects\/[^/]+\/grants$/,
    handle: ({req, res}) =>
      sendJson(req, res, 200, {
        'sanity.project': [{grants: [{name: 'read', params: {}}, {name: 'update', params: {}}]}],
      }),
  },
  {method: 'GET', pattern: /^\/features$/, handle: ({req, res}) => sendJson(req, res, 200, [])},
  {
    method: 'GET',
    pattern: /^\/users\/me\/keyvalue\/(.+)$/,
    handle: ({req, res, params: [keys]}) =>
      sendJson(
        req,
        res,
        200,
        keys.split(',').map((key) => ({key, value: keyValues.get(key) ?? null})),
      ),
  },
  {
    method: 'PUT',
    pattern: /^\/users\/me\/keyvalue$/,
    handle: async ({req, res}) => {
      const pairs = keyValuePairs(await readJson<unknown>(req, SETTINGS_BODY_LIMIT_BYTES))
      for (const pair of pairs) keyValues.set(pair.key, pair.value)
      sendJson(req, res, 200, pairs)
    },
  },
]
