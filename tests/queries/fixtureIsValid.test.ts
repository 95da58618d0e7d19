/**
 * The synthetic fixture documents are ones an editor could have saved: Sanity's own document
 * validation (the schemas' harness) finds no errors in them, so query tests never pass on shapes the
 * Studio would refuse.
 */
import {afterAll, beforeAll, expect, test} from 'vitest'

import {validateDocuments} from '../../schemas/validation'
import {openQueryFixtureLake, type QueryFixture} from '../fixtures/queryFixtureLake'
import {publishedSyntheticArticles, unpublishedDocuments} from '../fixtures/syntheticArticles'
import {syntheticEntities} from '../fixtures/syntheticEntities'

let fixture: QueryFixture
beforeAll(async () => {
  fixture = await openQueryFixtureLake()
})
afterAll(() => fixture?.close())

test('synthetic documents pass Sanity validation against the whole fixture dataset', async () => {
  const editorial = [...syntheticEntities, ...publishedSyntheticArticles, ...unpublishedDocuments].filter(
    (document) => !document._type.startsWith('sanity.'),
  )
  const problems = await validateDocuments(editorial, {existingDocuments: fixture.documents()})
  expect(problems.filter((problem) => problem.level === 'error')).toEqual([])
  // The harness does look: the same article without its title is refused.
  const {title: _title, ...untitled} = publishedSyntheticArticles[1]
  const control = await validateDocuments([untitled], {existingDocuments: fixture.documents()})
  expect(control.filter((problem) => problem.level === 'error').map((problem) => problem.path)).toEqual(['title'])
})
