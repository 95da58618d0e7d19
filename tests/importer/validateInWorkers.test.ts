/**
 * The worker path of validation (`validateInWorkers`, used by imports of 300+ documents) reports
 * exactly what `validateDocuments` in this thread reports, in the same order: the workers see the
 * other documents only as stubs, so slug uniqueness, references, interview keys and unknown fields
 * are broken here on purpose to prove the stubs carry what those validators read.
 */
import type {SanityDocumentLike} from 'sanity'
import {expect, it} from 'vitest'

import {validateDocuments, ValidationIndex} from '../../schemas/validation'
import {validateInWorkers} from '../../schemas/validation/validateInWorkers'
import {validationStub} from '../../schemas/validation/validationIndex'
import {imageAsset, sampleDocuments} from '../schemas/fixtures/sampleDocuments'

type Doc = SanityDocumentLike & Record<string, any>

function brokenDocuments(): Doc[] {
  const documents = sampleDocuments() as Doc[]
  const article = documents.find((document) => document._type === 'article')!
  const copies = Array.from({length: 6}, (_, at) => {
    const copy = structuredClone(article)
    copy._id = `article.copy-${at}`
    if (at % 2 === 0) copy.slug.current = `copy-${at}` // odd copies keep the original slug: duplicates
    if (at === 2) copy.section._ref = 'section.missing'
    if (at === 4) copy.body[0].markDefs[4].interviewKey = 'not-an-interview'
    if (at === 0) copy.notAField = 'x'
    return copy
  })
  return [...documents, ...copies]
}

it('two workers report exactly what validateDocuments reports in this thread, in the same order', async () => {
  const documents = brokenDocuments()
  const here = await validateDocuments(documents, {index: new ValidationIndex([imageAsset, ...documents])})
  const inWorkers = await validateInWorkers(documents, {stubs: [imageAsset, ...documents].map(validationStub), workers: 2, chunkSize: 2})
  expect(here.map((problem) => problem.message)).toEqual(
    expect.arrayContaining(['Slug is already in use', expect.stringContaining('not-an-interview'), "Field 'notAField' does not exist on type 'article'"]),
  )
  expect(here.some((problem) => problem.documentId === 'article.copy-2' && problem.path === 'section')).toBe(true)
  expect(inWorkers).toEqual(here)
}, 300_000)
