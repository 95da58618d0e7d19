/**
 * Run-time check of a query's parameters against its spec, done before any request leaves the
 * process: a front end that passes a number as a slug, or forgets one, gets an error naming the
 * query and the parameter instead of a silent `null` page from the Content Lake.
 */
import {describeExpected, type ParamSpec, type ParamSpecs} from './paramSpec'

/** Thrown for a missing, mistyped or unknown parameter; `queryName` and `param` say which. */
export class QueryParameterError extends Error {
  readonly queryName: string
  readonly param: string

  constructor(queryName: string, param: string, message: string) {
    super(`${queryName}: ${message}`)
    this.name = 'QueryParameterError'
    this.queryName = queryName
    this.param = param
  }
}

// Sanity document ids: letters, digits, `_`, `-` and `.` path separators, at most 128 characters.
const DOCUMENT_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/

/**
 * Returns the parameters to send: every declared parameter present (optional ones as their
 * default or `null`, because the Content Lake rejects a query that mentions an unset `$param`).
 */
export function validateParams(
  queryName: string,
  specs: ParamSpecs,
  params: unknown,
): Record<string, string | number | null> {
  const given = params ?? {}
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new QueryParameterError(queryName, '', `parameters must be an object, got ${show(params)}`)
  }
  const values = given as Record<string, unknown>
  const names = Object.keys(specs)
  for (const name of Object.keys(values)) {
    if (!(name in specs)) {
      const accepted = names.length > 0 ? `it takes ${names.map((n) => `$${n}`).join(', ')}` : 'it takes no parameters'
      throw new QueryParameterError(queryName, name, `unknown parameter $${name} (${accepted})`)
    }
  }
  const result: Record<string, string | number | null> = {}
  for (const name of names) {
    const spec = specs[name]
    const value = values[name]
    if (value === undefined || value === null) {
      if (spec.required) {
        throw new QueryParameterError(queryName, name, `parameter $${name} is missing (expected ${describeExpected(spec)})`)
      }
      result[name] = spec.default ?? null
      continue
    }
    result[name] = checkValue(queryName, name, spec, value)
  }
  for (const name of names) {
    const spec = specs[name]
    if (spec.required || !spec.with || result[name] === null) continue
    for (const partner of spec.with) {
      if (result[partner] === null || result[partner] === undefined) {
        throw new QueryParameterError(queryName, partner, `parameter $${partner} is missing: it must be given together with $${name}`)
      }
    }
  }
  return result
}

function checkValue(queryName: string, name: string, spec: ParamSpec, value: unknown): string | number {
  const fail = (): never => {
    throw new QueryParameterError(queryName, name, `parameter $${name} must be ${describeExpected(spec)}, got ${show(value)}`)
  }
  if (spec.kind === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return fail()
    if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) return fail()
    return value
  }
  if (typeof value !== 'string' || value.trim() === '') return fail()
  if (spec.kind === 'datetime' && (!ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value)))) return fail()
  if (spec.kind === 'documentId' && !DOCUMENT_ID.test(value)) return fail()
  if (spec.maxLength !== undefined && value.length > spec.maxLength) return fail()
  return value
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value)
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value
}
