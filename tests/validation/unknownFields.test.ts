/**
 * The unknown-field walk (`schemas/validation/unknownFields.ts`) replaces a second, 'cli' pass of
 * Sanity's `validateDocument`. It must find exactly what that pass finds: here both run over the sample
 * dataset with stray fields planted at every depth (document, nested object, reference, slug, image,
 * array item, block, span, annotation, inline object) and must agree, finding by finding.
 */
import {
  getPublishedId,
  pathToString,
  type SanityDocument,
  type SanityDocumentLike,
  validateDocument,
  type Workspace,
} from 'sanity'
import {describe, expect, it} from 'vitest'

import {buildChinaDeskSchema, findUnknownFields, translateValidationMessage, ValidationIndex} from '../../schemas/validation'
import {createIndexedClient} from '../../schemas/validation/indexedClient'
import {imageAsset, sampleDocuments} from '../schemas/fixtures/sampleDocuments'

const UNKNOWN_FIELD_MESSAGE = /^Field '.+' does not exist on type '.+'$/

/** Plants `stray*` keys in every object of the document (and `_private` keys, which must be ignored). */
function plantStrayFields(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((item) => plantStrayFields(item, depth + 1))
  if (!value || typeof value !== 'object') return value
  const copy: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) copy[key] = plantStrayFields(inner, depth + 1)
  copy[`stray${depth}`] = 'x'
  copy._private = 'ignored'
  return copy
}

async function cliFindings(documents: SanityDocumentLike[]) {
  const index = new ValidationIndex([imageAsset, ...documents])
  const client = createIndexedClient(index)
  const workspace = {
    schema: buildChinaDeskSchema(),
    getClient: () => client,
    i18n: {t: translateValidationMessage, loadNamespaces: async () => undefined},
  } as unknown as Workspace
  const findings: string[] = []
  for (const document of documents) {
    const markers = await validateDocument({
      document: document as SanityDocument,
      workspace,
      environment: 'cli',
      getDocumentExists: async ({id}) => index.has(getPublishedId(id)),
    })
    for (const marker of markers) {
      if (UNKNOWN_FIELD_MESSAGE.test(marker.message ?? '')) findings.push(`${document._id} ${pathToString(marker.path)} ${marker.message}`)
    }
  }
  return [...new Set(findings)].sort()
}

function walkFindings(documents: SanityDocumentLike[]) {
  const schema = buildChinaDeskSchema()
  const findings = documents.flatMap((document) =>
    findUnknownFields(document, schema.get(document._type)!).map((finding) => `${document._id} ${pathToString(finding.path)} ${finding.message}`),
  )
  return [...new Set(findings)].sort()
}

describe('the unknown-field walk', () => {
  it('finds nothing in the clean sample dataset, like the cli pass', async () => {
    const documents = sampleDocuments()
    expect(walkFindings(documents)).toEqual([])
    expect(await cliFindings(documents)).toEqual([])
  })

  it('finds exactly what the cli pass finds when every object carries a stray field', async () => {
    const documents = sampleDocuments().map((document) => plantStrayFields(document) as SanityDocumentLike)
    const fromWalk = walkFindings(documents)
    expect(fromWalk.length).toBeGreaterThan(30)
    // Depths that matter: the document itself, and an annotation inside a block of the body.
    expect(fromWalk).toContain("article.microsoft-claws-back-chinese-market stray0 Field 'stray0' does not exist on type 'article'")
    expect(fromWalk.some((line) => line.includes('.markDefs[_key=='))).toBe(true)
    expect(await cliFindings(documents)).toEqual(fromWalk)
  }, 120_000)
})
