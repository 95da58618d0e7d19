/**
 * When and how long to wait before sending a transaction again. Retried: 429 (waiting what
 * `Retry-After` says when present), 5xx, and requests that never got an answer (reset or dropped
 * connections, timeouts). Other 4xx are the request's fault and fail at once.
 */
export interface RetryOptions {
  maxAttempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  random?: () => number
}

interface HttpishError {
  statusCode?: number
  response?: {headers?: Record<string, string | string[] | undefined>}
}

export function isRetryable(error: unknown): boolean {
  const status = (error as HttpishError)?.statusCode
  if (typeof status !== 'number') return true
  return status === 429 || status >= 500
}

/** Exponential backoff with jitter; when the server sends `Retry-After`, exactly that plus a little jitter. */
export function retryDelayMs(error: unknown, attempt: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 500
  const max = options.maxDelayMs ?? 30_000
  const random = options.random ?? Math.random
  const backoff = Math.min(max, base * 2 ** attempt) * (0.5 + random() * 0.5)
  const retryAfter = retryAfterMs((error as HttpishError)?.response?.headers?.['retry-after'])
  // The jitter keeps six concurrent requests told "wait 1 s" from all coming back in the same millisecond.
  return retryAfter === undefined ? backoff : retryAfter + random() * Math.min(base, 250)
}

function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}
