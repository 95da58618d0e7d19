/**
 * Imported articles and companies carry the same search fields the Studio's publish action would
 * write (`searchFieldsFor` over the stored document), so they are searchable straight after an import,
 * including an article by the names of the companies it mentions.
 */
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {type CompanyNames, searchFieldsFor} from '../../schemas/search/searchTextFor'
import {BUNDLED, importInto, tempDir} from './importFixtures'

describe('search fields of imported documents', () => {
  it('equal what searchFieldsFor computes from the stored article and companies', async () => {
    const datasetFile = join(await tempDir(), 'production.ndjson')
    await importInto(datasetFile, [BUNDLED])
    const lake = await LocalLake.open(datasetFile)
    const documents = lake.allDocuments() as ({_id: string; _type: string; searchText?: string; searchTitle?: string} & CompanyNames)[]
    await lake.close()
    const companies = new Map(documents.filter((document) => document._type === 'company').map((company) => [company._id, company]))
    const searchable = documents.filter((document) => document._type === 'article' || document._type === 'company')
    expect(searchable.length).toBeGreaterThan(3)
    for (const document of searchable) {
      const {searchText, searchTitle, ...content} = document
      expect({searchText, searchTitle}, document._id).toEqual(searchFieldsFor(content, {companyNames: (id) => companies.get(id)}))
    }
    const article = searchable.find((document) => document._type === 'article')!
    expect(article.searchText?.split(' ')).toEqual(expect.arrayContaining(['microsoft', 'linkedin']))
  })
})
