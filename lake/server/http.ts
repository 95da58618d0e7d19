/**
 * Request and response plumbing for the stand-in: bodies, JSON answers in the Content Lake's error shape, and
 * the CORS headers the Studio needs (its page runs on `localhost:<port>`, the API on `<projectId>.localhost:<port>`).
 */
import type {IncomingMessage} from 'node:http'
import type {Http2ServerRequest, Http2ServerResponse} from 'node:http2'

/** HTTP/1 requests arrive as `IncomingMessage`; the compat API makes both look alike for what we use. */
export type StandInRequest = Http2ServerRequest | IncomingMessage
export type StandInResponse = Http2ServerResponse

/** A failure with the status and message the Studio shows (Content Lake's `{error: {description}}` shape). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly type = 'httpError',
  ) {
    super(message)
  }
}

export async function readBody(req: StandInRequest, limitBytes = 200 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limitBytes) throw new HttpError(413, `Request body larger than ${limitBytes} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export async function readJson<T>(req: StandInRequest): Promise<T> {
  const body = await readBody(req)
  try {
    return JSON.parse(body.toString('utf8') || '{}') as T
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON')
  }
}

export function corsHeaders(req: StandInRequest): Record<string, string> {
  const origin = req.headers.origin
  if (!origin) return {}
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers':
      (req.headers['access-control-request-headers'] as string | undefined) ??
      'authorization, content-type, x-sanity-project-id, x-sanity-tag',
    'access-control-max-age': '600',
    vary: 'origin',
  }
}

export function sendJson(req: StandInRequest, res: StandInResponse, status: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body))
  res.writeHead(status, {
    ...corsHeaders(req),
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
    'cache-control': 'no-store',
  })
  res.end(payload)
}

export function sendError(req: StandInRequest, res: StandInResponse, error: unknown): void {
  const status = error instanceof HttpError ? error.statusCode : 500
  const message = error instanceof Error ? error.message : String(error)
  const type = error instanceof HttpError ? error.type : 'serverError'
  if (status >= 500) console.error('[lake stand-in]', error)
  sendJson(req, res, status, {error: {description: message, type}, message, statusCode: status})
}
