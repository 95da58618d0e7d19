/**
 * The stored search fields (`searchText`, `searchTitle`) of an article or company, computed at assembly
 * by the same `searchFieldsFor` the Studio's publish action and the `fill-search-text` migration use,
 * so imported documents are searchable at once and a later publish changes nothing. An article is also
 * found by the names of the companies it references: those come from the run's manifests and the
 * dataset (the stored company wins, as its manifest entry is only `createIfNotExists`).
 */
import {type CompanyNames, searchFieldsFor, SEARCHABLE_TYPES} from '../../schemas/search/searchTextFor'
import type {ImportDocument} from '../types'

export type CompanyNamesLookup = (companyId: string) => CompanyNames | undefined

export function withSearchFields<T extends ImportDocument>(document: T, companyNames: CompanyNamesLookup): T {
  if (!(SEARCHABLE_TYPES as readonly string[]).includes(document._type)) return document
  return {...document, ...searchFieldsFor(document, {companyNames})}
}
