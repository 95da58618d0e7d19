/**
 * Parameter specifications: one object per query that says, at run time, which GROQ parameters
 * the query takes and what a valid value looks like, and from which the compile-time parameter
 * type is derived, so the two can never disagree.
 */

/** The kinds of value a query parameter can hold. */
export type ParamKind = 'string' | 'documentId' | 'integer' | 'datetime'

interface ParamSpecBase {
  description: string
  /** Shown in `npm run query -- --help` and in error messages. */
  example?: string
}

export interface RequiredParamSpec<K extends ParamKind = ParamKind> extends ParamSpecBase {
  kind: K
  required: true
  min?: number
  max?: number
  maxLength?: number
}

export interface OptionalParamSpec<K extends ParamKind = ParamKind> extends ParamSpecBase {
  kind: K
  required: false
  /** Sent when the caller gives none; without a default the parameter is sent as `null`. */
  default?: K extends 'integer' ? number : string
  min?: number
  max?: number
  maxLength?: number
  /** Names of parameters that must be given together with this one (a cursor's two halves). */
  with?: readonly string[]
}

export type ParamSpec = RequiredParamSpec | OptionalParamSpec

/** A query's parameters by name, without the `$`. */
export type ParamSpecs = Readonly<Record<string, ParamSpec>>

type ValueOfKind<K extends ParamKind> = K extends 'integer' ? number : string

type Simplify<T> = {[K in keyof T]: T[K]} & {}

/** The parameter object a caller passes for a spec: required keys required, optional keys nullable. */
export type ParamsOf<S extends ParamSpecs> = Simplify<
  {-readonly [N in keyof S as S[N]['required'] extends true ? N : never]: ValueOfKind<S[N]['kind']>} & {
    -readonly [N in keyof S as S[N]['required'] extends true ? never : N]?: ValueOfKind<S[N]['kind']> | null
  }
>

/** Describes the expected value of a parameter for help texts and error messages. */
export function describeExpected(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'integer': {
      const range =
        spec.min !== undefined && spec.max !== undefined
          ? ` between ${spec.min} and ${spec.max}`
          : spec.min !== undefined
            ? ` of at least ${spec.min}`
            : ''
      return `an integer${range}`
    }
    case 'datetime':
      return 'an ISO 8601 date-time string such as "2022-10-12T08:00:00Z"'
    case 'documentId':
      return 'a document id string such as "company.microsoft"'
    case 'string':
      return spec.maxLength !== undefined ? `a non-empty string of at most ${spec.maxLength} characters` : 'a non-empty string'
  }
}
