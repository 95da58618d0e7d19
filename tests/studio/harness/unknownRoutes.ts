/**
 * Which unknown routes a scenario may ignore. The stand-in records every API route it does not implement; these
 * ones the Studio calls but works fine without (onboarding journeys, telemetry, the presence socket, comments
 * and tasks add-on datasets). Anything else fails the test, so a new Studio release calling a new route that
 * matters is noticed.
 */
import type {UnknownRoute} from '../../../lake/server'

const HARMLESS: RegExp[] = [
  /^\/journey\//,
  /^\/descriptors\/claim/,
  /^\/socket\//,
  /^\/intake\//,
  /^\/telemetry/,
  /^\/projects\/[^/]+\/(user-applications|features)/,
  /^\/media-libraries/,
  // Cross-dataset references, asked by the delete/unpublish dialogs; Sanity reads a 404 as "none".
  /^\/data\/references\//,
]

export function routesThatMatter(routes: UnknownRoute[]): string[] {
  return routes.map((route) => `${route.method} ${route.path}`).filter((route) => !HARMLESS.some((pattern) => pattern.test(route.split(' ')[1])))
}
