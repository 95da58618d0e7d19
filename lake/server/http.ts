/**
 * Request and response plumbing for the stand-in: bodies read up to a limit, JSON answers in the Content Lake's
 * error shape, and CORS headers for the origins the router allowed (see `originPolicy.ts`).
 */
import type {IncomingMessage} from 'node:http'
import {constants, type Http2ServerRequest, type Http2ServerResponse} from 'node:http2'

import {INTERNAL_ERROR_TEXT, redactPaths} from './errorText'

/** HTTP/1 requests arrive as `IncomingMessage`; the compat API makes both look alike for what we use. */
export type StandInRequest = Http2ServerRequest | IncomingMessage
export type StandInResponse = Http2ServerResponse

/** A failure with the status and message the Studio shows (Content Lake's `{error: {description, type}}` shape). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly type = 'httpError',
    /** More fields of the `error` object, e.g. `query`, `start`, `end` of a query error. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/** A request body over its limit: answered at once, and the rest of the body is never read (see `dropUnreadBody`). */
export class BodyTooLargeError extends HttpError {
  // The default is the Content Lake's own wording for mutations over its 4 MB limit.
  constructor(limitBytes: number, message = `Request body exceeds limit of ${limitBytes} bytes`) {
    super(413, message)
  }
}

/** Reads a body of at most `limitBytes`: a larger declared `content-length` is refused before reading anything. */
export function readBody(req: StandInRequest, limitBytes: number, tooLargeMessage?: string): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(new BodyTooLargeError(limitBytes, tooLargeMessage))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limitBytes) return void chunks.push(chunk)
      cleanup()
      req.pause()
      reject(new BodyTooLargeError(limitBytes, tooLargeMessage))
    }
    const onEnd = () => {
      cleanup()
      resolve(Buffer.concat(chunks))
    }
    const onError = (error: Error) => {
      cleanup()
      reject(error)
    }
    const onClose = () => onError(new HttpError(400, 'The client closed the request before its body arrived'))
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

export async function readJson<T>(req: StandInRequest, limitBytes: number, tooLargeMessage?: string): Promise<T> {
  const body = await readBody(req, limitBytes, tooLargeMessage)
  try {
    return JSON.parse(body.toString('utf8') || '{}') as T
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON')
  }
}

/** Origins the router allowed for this request (set before any route runs). */
const allowedOrigins = new WeakMap<object, string>()

export function allowCors(req: StandInRequest, origin: string): void {
  allowedOrigins.set(req, origin)
}

export function corsHeaders(req: StandInRequest): Record<string, string> {
  const origin = allowedOrigins.get(req)
  if (!origin) return req.headers.origin ? {vary: 'origin'} : {}
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers':
      (req.headers['access-control-request-headers'] as string | undefined) ??
      'authorization, content-type, x-sanity-project-id, x-sanity-tag',
    'access-control-max-age': '600',
    vary: 'origin',
  }
}

export function sendJson(req: StandInRequest, res: StandInResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(req, res, status, JSON.stringify(body), headers)
}

/** For answers already serialised elsewhere (a query worker's result). */
export function sendJsonText(req: StandInRequest, res: StandInResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(json)
  res.writeHead(status, {
    ...corsHeaders(req),
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  })
  res.end(payload)
}

export function sendError(req: StandInRequest, res: StandInResponse, error: unknown): void {
  const known = error instanceof HttpError
  const status = known ? error.statusCode : 500
  if (status >= 500) console.error('[lake stand-in]', error)
  const raw = error instanceof Error ? error.message : String(error)
  const message = status >= 500 && !known ? INTERNAL_ERROR_TEXT : redactPaths(raw)
  const type = known ? error.type : 'serverError'
  const details = known ? error.details : {}
  const abandoned = error instanceof BodyTooLargeError
  // HTTP/1 cannot skip an unread body and keep the connection; HTTP/2 resets just the stream (dropUnreadBody).
  const headers: Record<string, string> = abandoned && req.httpVersionMajor === 1 ? {connection: 'close'} : {}
  sendJson(req, res, status, {error: {description: message, type, ...details}, message, statusCode: status}, headers)
  if (abandoned) dropUnreadBody(res)
}

/**
 * After answering a request whose body was refused, end it without reading the rest: HTTP/2 resets the stream
 * with NO_ERROR once the answer is out (RFC 9113 §8.1 allows exactly this); HTTP/1 closes the connection.
 */
function dropUnreadBody(res: StandInResponse): void {
  res.on('finish', () => {
    const stream = (res as Partial<Http2ServerResponse>).stream
    if (stream && !stream.destroyed) stream.close(constants.NGHTTP2_NO_ERROR)
  })
}

/** `decodeURIComponent` that answers 400 for a malformed escape (`/images/a/b/%`) instead of a URIError's 500. */
export function decodePathSegment(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    throw new HttpError(400, `Malformed percent-encoding in the URL path: ${JSON.stringify(value.slice(0, 200))}`)
  }
}
