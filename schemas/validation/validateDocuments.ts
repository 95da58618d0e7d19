/**
 * Validates documents the way the Studio and `sanity documents validate` do, in plain Node: Sanity's
 * own `validateDocument` over the assembled schema (China Desk types passed through unicornStats),
 * with a client whose GROQ is answered over an index of the documents being validated plus what the
 * dataset holds (`existingDocuments`, or a prepared `index`). So slug uniqueness, reference existence
 * and interview-key checks are real, and messages are Sanity's English strings, as an editor reads them.
 *
 * Speed (an import validates 10,000 documents): the schema is compiled once; Sanity's rules run ONCE
 * per document ('studio' levels), with the unknown-field check of the 'cli' environment done by a walk
 * over the compiled types (`unknownFields.ts`); validators' queries are index look-ups
 * (`indexedClient.ts`); and documents are validated concurrently, because Sanity's validator waits for
 * an idle callback (a timer in Node) between nodes: one at a time, each document is mostly waiting.
 */
import {
  getPublishedId,
  pathToString,
  type SanityDocument,
  type SanityDocumentLike,
  type Schema,
  validateDocument,
  type Workspace,
} from 'sanity'

import {compileChinaDeskSchema} from '../assembledSchema'
import type {ChinaDeskOptions} from '../plugin'
import {translateValidationMessage} from './englishValidationMessages'
import {createIndexedClient} from './indexedClient'
import {findUnknownFields} from './unknownFields'
import {ValidationIndex} from './validationIndex'

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
  /**
   * Instead of `existingDocuments`: an index that already holds the dataset AND the documents being
   * validated (the importer builds one per run rather than one per batch).
   */
  index?: ValidationIndex
  pluginOptions?: ChinaDeskOptions
  /** Documents validated at once (default 16: more only adds garbage-collector work on two cores). */
  concurrency?: number
}

/** The compiled final schema (see `schemas/assembledSchema.ts`); throws if the types do not compile. */
export function buildChinaDeskSchema(pluginOptions?: ChinaDeskOptions): Schema {
  return compileChinaDeskSchema(pluginOptions?.unicorn)
}

export async function validateDocuments(
  documents: SanityDocumentLike[],
  options: ValidateDocumentsOptions = {},
): Promise<ValidationProblem[]> {
  const schema = buildChinaDeskSchema(options.pluginOptions)
  for (const document of documents) {
    if (!document._id || !document._type) {
      throw new Error(`validateDocuments: every document needs _id and _type, got ${JSON.stringify(document).slice(0, 120)}`)
    }
  }
  let index = options.index
  if (!index) {
    index = new ValidationIndex(options.existingDocuments ?? [])
    for (const document of documents) index.add(document)
  }
  const client = createIndexedClient(index)
  const workspace = {
    schema,
    getClient: () => client,
    i18n: {t: translateValidationMessage, loadNamespaces: async () => undefined},
  } as unknown as Workspace
  const lookup = index

  const validateOne = async (document: SanityDocumentLike): Promise<ValidationProblem[]> => {
    const problem = (path: string, level: ValidationProblem['level'], message: string): ValidationProblem => ({
      documentId: document._id,
      documentType: document._type,
      path,
      level,
      message,
    })
    const type = schema.get(document._type)
    if (!type) return [problem('', 'error', `Unknown document type "${document._type}": it is not in the China Desk schema`)]
    const markers = await validateDocument({
      document: document as SanityDocument,
      workspace,
      environment: 'studio',
      // like Sanity's CLI: a reference is fine when the *published* document exists
      getDocumentExists: async ({id}) => lookup.has(getPublishedId(id)),
    })
    const unknownFields = findUnknownFields(document, type).map((finding) =>
      problem(pathToString(finding.path), 'warning', finding.message),
    )
    // custom rules finish in any order; sort so reports and test expectations are stable
    return [
      ...markers.map((marker) => problem(pathToString(marker.path), marker.level, marker.message ?? marker.item?.message ?? '')),
      ...dedupe(unknownFields),
    ].sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message))
  }

  const results: ValidationProblem[][] = new Array(documents.length)
  let next = 0
  const worker = async () => {
    while (next < documents.length) {
      const at = next++
      results[at] = await validateOne(documents[at])
    }
  }
  await Promise.all(Array.from({length: Math.min(options.concurrency ?? 16, documents.length)}, worker))
  return results.flat()
}

function dedupe(problems: ValidationProblem[]): ValidationProblem[] {
  const seen = new Set<string>()
  return problems.filter((entry) => {
    const key = `${entry.path}\u0000${entry.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
