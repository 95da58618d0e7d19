/**
 * The shape of one stand-in route: an HTTP method, a path pattern (after the `/v<apiVersion>` prefix is removed)
 * and a handler. Kept apart from the router so each route file only depends on this small type.
 */
import type {StandInRequest, StandInResponse} from './http'
import type {StandInContext} from './types'

export interface RouteCall {
  ctx: StandInContext
  req: StandInRequest
  res: StandInResponse
  /** Capture groups of `pattern`, URI-decoded. */
  params: string[]
  url: URL
  /** The version the client put first in the path: `2025-02-19`, `X` or `1`. */
  apiVersion: string
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  pattern: RegExp
  handle(call: RouteCall): Promise<void> | void
}
