/**
 * Answers for Studio add-ons that have nothing to show offline: scheduled publishing, deployed user
 * applications and the help menu's resources. Empty answers keep their panels quiet instead of erroring.
 */
import {sendJson} from '../http'
import type {Route} from '../route'

export const addonRoutes: Route[] = [
  {method: 'GET', pattern: /^\/schedules\/[^/]+\/[^/]+$/, handle: ({req, res}) => sendJson(req, res, 200, {schedules: []})},
  {method: 'GET', pattern: /^\/projects\/[^/]+\/user-applications$/, handle: ({req, res}) => sendJson(req, res, 200, [])},
  {method: 'GET', pattern: /^\/help$/, handle: ({req, res}) => sendJson(req, res, 200, {resources: [], latestVersion: null})},
]
