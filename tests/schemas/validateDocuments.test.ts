/**
 * The content model's validation, run through Sanity's own `validateDocument` by the harness in
 * schemas/validation: the sample dataset is clean, and each typical editorial mistake is reported
 * with the message and path an editor would see in the Studio.
 */
import type {SanityDocumentLike} from 'sanity'
import {describe, expect, it} from 'vitest'

import {validateDocuments, type ValidationProblem} from '../../schemas/validation'
import {imageAsset, sampleDocuments} from './fixtures/sampleDocuments'

type Doc = SanityDocumentLike & Record<string, any>

/** Validates the sample after `breakIt` changed one document; the asset is "already in the dataset". */
async function validateBroken(id: string, breakIt: (document: Doc) => void): Promise<ValidationProblem[]> {
  const documents = sampleDocuments() as Doc[]
  const target = documents.find((document) => document._id === id)
  if (!target) throw new Error(`no sample document ${id}`)
  breakIt(target)
  return validateDocuments(documents, {existingDocuments: [imageAsset]})
}

const problem = (documentId: string, path: string, message: string, level = 'error') =>
  expect.objectContaining({documentId, path, message, level})

describe('sample documents', () => {
  it('pass validation for every document type, without warnings', async () => {
    const documents = sampleDocuments()
    expect(new Set(documents.map((document) => document._type))).toEqual(
      new Set(['article', 'company', 'regulation', 'interviewSource', 'author', 'section']),
    )
    expect(await validateDocuments(documents, {existingDocuments: [imageAsset]})).toEqual([])
  })

  it('report a reference to a document that is not in the dataset', async () => {
    const problems = await validateDocuments(sampleDocuments())
    expect(problems).toContainEqual(
      problem(
        'article.microsoft-claws-back-chinese-market',
        'heroImage.asset',
        'Referenced document must be published',
      ),
    )
  })
})

describe('broken documents', () => {
  const articleId = 'article.microsoft-claws-back-chinese-market'

  it('missing slug', async () => {
    const problems = await validateBroken(articleId, (article) => delete article.slug)
    expect(problems).toContainEqual(problem(articleId, 'slug', 'Required'))
    expect(problems.every((p) => p.documentId === articleId && p.path.startsWith('slug'))).toBe(true)
  })

  it('duplicate slug: two articles with the same slug are both reported', async () => {
    const documents = sampleDocuments() as Doc[]
    const original = documents.find((document) => document._id === articleId)!
    const copy = {...structuredClone(original), _id: 'article.copy'}
    const problems = await validateDocuments([...documents, copy], {existingDocuments: [imageAsset]})
    expect(problems).toEqual([
      problem(articleId, 'slug', 'Slug is already in use'),
      problem('article.copy', 'slug', 'Slug is already in use'),
    ])
  })

  it('the same slug on a draft of the same article is not a duplicate', async () => {
    const documents = sampleDocuments() as Doc[]
    const original = documents.find((document) => document._id === articleId)!
    const draft = {...structuredClone(original), _id: `drafts.${articleId}`}
    expect(await validateDocuments([...documents, draft], {existingDocuments: [imageAsset]})).toEqual([])
  })

  it('the same slug on a different document type is allowed', async () => {
    const problems = await validateBroken('section.technology', (section) => {
      section.slug.current = 'microsoft'
    })
    expect(problems).toEqual([])
  })

  it('slug with characters a URL would mangle', async () => {
    const problems = await validateBroken(articleId, (article) => {
      article.slug.current = 'Microsoft 微软'
    })
    expect(problems).toEqual([
      problem(
        articleId,
        'slug',
        'Use lowercase letters, digits and single hyphens only (press "Generate" to derive it from the title)',
      ),
    ])
  })

  it('image without alt text (hero image and body image)', async () => {
    const problems = await validateBroken(articleId, (article) => {
      delete article.heroImage.alt
      article.body[2].alt = '  '
    })
    const message =
      'Alt text is required when an image is set: describe what the picture shows for readers who cannot see it'
    expect(problems).toEqual([
      problem(articleId, 'body[_key=="b3"].alt', message),
      problem(articleId, 'heroImage.alt', message),
    ])
  })

  it('an empty image field needs no alt text', async () => {
    const problems = await validateBroken(articleId, (article) => {
      article.heroImage = {_type: 'imageWithAlt', caption: 'to be added'}
    })
    expect(problems).toEqual([])
  })

  it('anonymous interview without a reason', async () => {
    const sourceId = 'interviewSource.brad-smith'
    const problems = await validateBroken(sourceId, (source) => delete source.interviews[1].anonymityReason)
    expect(problems).toEqual([
      problem(
        sourceId,
        'interviews[_key=="iv2"].anonymityReason',
        'An anonymous interview needs a reason why the source could not be named',
      ),
    ])
  })

  it('effective date before adoption, on the regulation and on an amendment', async () => {
    const id = 'regulation.personal-information-protection-law'
    const problems = await validateBroken(id, (regulation) => {
      regulation.effectiveAt = '2021-08-01'
      regulation.amendments[0].effectiveAt = '2024-01-01'
    })
    expect(problems).toEqual([
      problem(id, 'amendments[_key=="am1"].effectiveAt', 'Must not be before the adopted date (2024-03-01)'),
      problem(id, 'effectiveAt', 'Must not be before the adopted date (2021-08-20)'),
      // Promulgated on the day it was adopted, so the same date is also the promulgation bound.
      problem(id, 'effectiveAt', 'Must not be before the promulgated date (2021-08-20)'),
    ])
  })

  it('non-http link in the body', async () => {
    const problems = await validateBroken(articleId, (article) => {
      article.body[0].markDefs[2].href = 'javascript:alert(1)'
    })
    expect(problems).toEqual([
      problem(
        articleId,
        'body[_key=="b1"].markDefs[_key=="m3"].href',
        'Must be a web address starting with http:// or https://',
      ),
    ])
  })

  it('updated before published', async () => {
    const problems = await validateBroken(articleId, (article) => {
      article.updatedAt = '2025-05-01T00:00:00Z'
    })
    expect(problems).toEqual([
      problem(articleId, 'updatedAt', 'Must not be before the published date (2025-05-04T08:00:00Z)'),
    ])
  })

  it('no authors, then the same author twice', async () => {
    const none = await validateBroken(articleId, (article) => {
      article.authors = []
    })
    expect(none).toEqual([problem(articleId, 'authors', 'Must have at least 1 items')])
    const twice = await validateBroken(articleId, (article) => {
      article.authors.push({_type: 'reference', _ref: 'author.jane-li', _key: 'a2'})
    })
    expect(twice).toContainEqual(problem(articleId, 'authors[_key=="a2"]', "Can't be a duplicate"))
  })

  it('title past 110 characters is a warning, not an error', async () => {
    const problems = await validateBroken(articleId, (article) => {
      article.title = 'Microsoft '.repeat(12)
    })
    expect(problems).toEqual([
      problem(articleId, 'title', 'Titles past 110 characters get cut off in lists and social cards', 'warning'),
    ])
  })

  it('organisation with neither a company nor a name', async () => {
    const id = 'interviewSource.white-house-official'
    const problems = await validateBroken(id, (source) => {
      source.organisation = {_type: 'organisation'}
    })
    expect(problems).toEqual([problem(id, 'organisation', 'Choose a company or type the organisation name')])
  })

  it('company as its own parent', async () => {
    const problems = await validateBroken('company.linkedin', (company) => {
      company.parent = {_type: 'reference', _ref: 'company.linkedin'}
    })
    expect(problems).toEqual([
      problem(
        'company.linkedin',
        'parent',
        'A company cannot be its own parent: choose the owning company or clear the field',
      ),
    ])
  })

  it('quotation pointing at an interview the speaker does not have', async () => {
    const problems = await validateBroken(articleId, (article) => {
      article.body[3].interviewKey = 'nope'
      article.body[0].markDefs[4].interviewKey = 'iv9'
    })
    expect(problems).toEqual([
      problem(
        articleId,
        'body[_key=="b1"].markDefs[_key=="m5"].interviewKey',
        'The speaker has no interview with key "iv9": pick one of their interviews or clear the field',
      ),
      problem(
        articleId,
        'body[_key=="b4"].interviewKey',
        'The speaker has no interview with key "nope": pick one of their interviews or clear the field',
      ),
    ])
  })

  it('a misspelt field is reported as unknown (warning)', async () => {
    const problems = await validateBroken('section.technology', (section) => {
      section.descripton = 'typo'
    })
    expect(problems).toEqual([
      problem('section.technology', 'descripton', "Field 'descripton' does not exist on type 'section'", 'warning'),
    ])
  })

  it('an unknown document type is an error naming the type', async () => {
    const problems = await validateDocuments([{_id: 'x', _type: 'articel'}])
    expect(problems).toEqual([problem('x', '', 'Unknown document type "articel": it is not in the China Desk schema')])
  })
})
