/**
 * Validates documents the way the Studio and `sanity documents validate` do, in plain Node: Sanity's
 * own `validateDocument` over the final schema (China Desk types passed through unicornStats), with
 * a stand-in client that answers GROQ with groq-js over the documents being validated plus any
 * `existingDocuments`. So slug uniqueness, reference existence and interview-key checks are real,
 * and messages are Sanity's English strings, as an editor would read them.
 */
import {evaluate, parse} from 'groq-js'
import {
  getPublishedId,
  pathToString,
  type SanityClient,
  type SanityDocument,
  type SanityDocumentLike,
  type Schema,
  validateDocument,
  type Workspace,
} from 'sanity'

import {compileChinaDeskSchema} from '../assembledSchema'
import type {ChinaDeskOptions} from '../plugin'
import {translateValidationMessage} from './englishValidationMessages'

export interface ValidationProblem {
  documentId: string
  documentType: string
  /** Dotted path, e.g. `slug`, `heroImage.alt`, `body[_key=="b1"].markDefs[_key=="m1"].href`; '' for the document. */
  path: string
  level: 'error' | 'warning' | 'info'
  message: string
}

export interface ValidateDocumentsOptions {
  /** Documents already in the dataset: they count for uniqueness and references but are not validated. */
  existingDocuments?: SanityDocumentLike[]
  pluginOptions?: ChinaDeskOptions
}

/** The wording of Sanity's unknown-field check (`unknownFieldsValidator`, CLI environment only). */
const UNKNOWN_FIELD_MESSAGE = /^Field '.+' does not exist on type '.+'$/

/** The compiled final schema (see `schemas/assembledSchema.ts`); throws if the types do not compile. */
export function buildChinaDeskSchema(pluginOptions?: ChinaDeskOptions): Schema {
  return compileChinaDeskSchema(pluginOptions?.unicorn)
}

/** Just the client surface validators use (`withConfig`, `fetch`), answered by groq-js. */
function createGroqClient(dataset: SanityDocumentLike[]): SanityClient {
  const client = {
    withConfig: () => client,
    config: () => ({apiVersion: '2025-02-19', perspective: 'raw'}),
    fetch: async (query: string, params: Record<string, unknown> = {}) => {
      const tree = parse(query, {params})
      const result = await evaluate(tree, {dataset, params})
      return result.get()
    },
  }
  return client as unknown as SanityClient
}

export async function validateDocuments(
  documents: SanityDocumentLike[],
  options: ValidateDocumentsOptions = {},
): Promise<ValidationProblem[]> {
  const schema = buildChinaDeskSchema(options.pluginOptions)
  const validatedIds = new Set(documents.map((document) => document._id))
  const dataset = [
    ...documents,
    ...(options.existingDocuments ?? []).filter((document) => !validatedIds.has(document._id)),
  ]
  const existingIds = new Set(dataset.map((document) => document._id))
  const client = createGroqClient(dataset)
  const workspace = {
    schema,
    getClient: () => client,
    i18n: {t: translateValidationMessage, loadNamespaces: async () => undefined},
  } as unknown as Workspace

  const problems: ValidationProblem[] = []
  for (const document of documents) {
    if (!document._id || !document._type) {
      throw new Error(
        `validateDocuments: every document needs _id and _type, got ${JSON.stringify(document).slice(0, 120)}`,
      )
    }
    const problem = (path: string, level: ValidationProblem['level'], message: string): ValidationProblem => ({
      documentId: document._id,
      documentType: document._type,
      path,
      level,
      message,
    })
    if (!schema.get(document._type)) {
      problems.push(
        problem('', 'error', `Unknown document type "${document._type}": it is not in the China Desk schema`),
      )
      continue
    }
    const validate = (environment: 'studio' | 'cli') =>
      validateDocument({
        document: document as SanityDocument,
        workspace,
        environment,
        // like Sanity's CLI: a reference is fine when the *published* document exists
        getDocumentExists: async ({id}) => existingIds.has(getPublishedId(id)),
      })
    // 'studio' gives the levels editors see. 'cli' adds the unknown-field check, but it does so by
    // appending `.custom(...).warning()` to each object's rule, which also demotes that object's own
    // rules (a missing required slug becomes a warning); so only its unknown-field markers are kept.
    const [studioMarkers, cliMarkers] = await Promise.all([validate('studio'), validate('cli')])
    const unknownFieldMarkers = cliMarkers.filter((marker) => UNKNOWN_FIELD_MESSAGE.test(marker.message ?? ''))
    // custom rules finish in any order; sort so reports and test expectations are stable
    const documentProblems = [...studioMarkers, ...unknownFieldMarkers]
      .map((marker) => problem(pathToString(marker.path), marker.level, marker.message ?? marker.item?.message ?? ''))
      .sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message))
    problems.push(...documentProblems)
  }
  return problems
}
