/**
 * Editors' rules judged by Sanity's own validation (through the project's validateDocuments): a draft article
 * may wait for Publish to fill in its published date, a published one may not; a regulation's Promulgated date
 * sits between Adopted and Effective; an amount whose text could not be read blocks publishing.
 */
import type {SanityDocumentLike} from 'sanity'
import {describe, expect, it} from 'vitest'

import {validateDocuments} from '../../schemas/validation'
import {article, imageAsset, pipl, sampleDataset} from './fixtures/sampleDocuments'

async function problemsOf(document: SanityDocumentLike) {
  const existing = [imageAsset, ...sampleDataset().filter((doc) => doc._id !== document._id.replace(/^drafts\./, ''))]
  const problems = await validateDocuments([document], {existingDocuments: existing})
  return problems.filter((problem) => problem.level === 'error').map(({path, message}) => ({path, message}))
}

describe('editor rules', () => {
  it('lets a draft article leave publishedAt to Publish, but not a published one', async () => {
    const {publishedAt: _unset, ...withoutDate} = article
    expect(await problemsOf({...withoutDate, _id: `drafts.${article._id}`})).toEqual([])
    expect(await problemsOf(withoutDate as SanityDocumentLike)).toContainEqual({path: 'publishedAt', message: 'A published article needs a published date'})
    // A backdated date is fine.
    expect(await problemsOf({...article, publishedAt: '2001-01-01T00:00:00Z'})).toEqual([])
  })

  it('keeps Promulgated between Adopted and Effective', async () => {
    const regulation = {...pipl, adoptedAt: '2021-08-20', promulgatedAt: '2021-08-20', effectiveAt: '2021-11-01'}
    expect(await problemsOf(regulation)).toEqual([])
    expect(await problemsOf({...regulation, promulgatedAt: '2021-08-01'})).toContainEqual({
      path: 'promulgatedAt',
      message: 'Must not be before the adopted date (2021-08-20)',
    })
    expect(await problemsOf({...regulation, promulgatedAt: '2021-12-01'})).toContainEqual({
      path: 'effectiveAt',
      message: 'Must not be before the promulgated date (2021-12-01)',
    })
  })
})
