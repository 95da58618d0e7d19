/**
 * Who may talk to the stand-in. It serves an unauthenticated, writable dataset on loopback, so a web page the
 * developer visits must not be able to use it through the browser:
 * - the `Host` header must name loopback (`localhost`, `*.localhost`, `127.0.0.1`, `[::1]`), which defeats DNS
 *   rebinding (`evil.example` resolving to 127.0.0.1 still sends `Host: evil.example`);
 * - CORS is answered only for the Studio's own origins on this port (the page on `localhost`/`127.0.0.1`/`[::1]`,
 *   the API host `<projectId>.localhost`) and the origins listed with `--cors-origin`, like a Sanity project's
 *   CORS origins. Any other `Origin` gets no CORS headers, and its writes are refused before they run.
 */
import type {StandInRequest} from './http'

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/** A Host header is a name or bracketed IPv6 address and an optional port; nothing else (no `user@`). */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i

/** `localhost:3434` → `localhost`, `[::1]:3434` → `[::1]`; undefined for anything else. */
function hostnameOf(hostHeader: string): string | undefined {
  return HOST_HEADER.exec(hostHeader)?.[1].toLowerCase()
}

export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || hostname.endsWith('.localhost')
}

/** The host the request was addressed to: HTTP/2's `:authority`, else HTTP/1's `Host`. */
export function requestHost(req: StandInRequest): string | undefined {
  const authority = req.headers[':authority'] ?? req.headers.host
  return typeof authority === 'string' && authority ? authority : undefined
}

export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false
  const hostname = hostnameOf(hostHeader)
  return hostname !== undefined && isLoopbackHostname(hostname)
}

/** `https://Example.com:443/` → `https://example.com`; throws with the flag's name on anything but an origin. */
export function normalizeOrigin(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`--cors-origin ${JSON.stringify(value)} is not a URL; give an origin such as http://localhost:3000`)
  }
  if (!/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`--cors-origin ${JSON.stringify(value)} must be an origin (scheme, host and port only), e.g. http://localhost:3000`)
  }
  return url.origin
}

/** The Studio's own origins on `port`: the page (any loopback name) and the `<projectId>.localhost` API host. */
export function studioOrigins(projectId: string, port: number): string[] {
  return ['localhost', '127.0.0.1', '[::1]', `${projectId.toLowerCase()}.localhost`].map((host) => `https://${host}:${port}`)
}

export class OriginPolicy {
  private readonly allowed = new Set<string>()

  constructor(extraOrigins: string[] = []) {
    for (const origin of extraOrigins) this.allowed.add(normalizeOrigin(origin))
  }

  /** Called once the port is known. */
  allowStudio(projectId: string, port: number): void {
    for (const origin of studioOrigins(projectId, port)) this.allowed.add(origin)
  }

  isAllowedOrigin(origin: string): boolean {
    try {
      return this.allowed.has(new URL(origin).origin)
    } catch {
      return false
    }
  }

  list(): string[] {
    return [...this.allowed]
  }
}
