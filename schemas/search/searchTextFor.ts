/**
 * The stored search fields of a document, computed from its own content: `searchText` (everything a
 * reader may look for) and `searchTitle` (the headline or the company's names, which `SEARCH_QUERY`
 * ranks above body hits). Both are space-separated tokens GROQ `match` can tokenise on the Content
 * Lake and in groq-js alike (see `queries/searchTerms.ts` for why Han text is stored as bigrams).
 * Each token is stored once, so a long body does not outrank a short one by repetition.
 *
 * Pure and deterministic: the importer calls it while assembling documents, the Studio's publish
 * action before publishing, the `fill-search-text` migration for existing documents. An article is
 * also found by the names of the companies it references (related companies, company mentions in
 * the body); the caller passes those names through `context.companyNames`, since a document holds
 * only references.
 */
import {portableTextToPlainText} from '../../queries/portableTextToPlainText'
import {companyNameTokens, textTokens, type CompanyNames} from './companyNameTokens'

export type {CompanyNames} from './companyNameTokens'

/** The document types that carry search fields. */
export const SEARCHABLE_TYPES = ['article', 'company'] as const

export interface SearchTextContext {
  /** Names of a referenced company by its published id; `undefined` for an unknown id. */
  companyNames?: (companyId: string) => CompanyNames | undefined
}

export interface SearchFields {
  searchText?: string
  searchTitle?: string
}

/** Any document as stored: the fields read here are checked at run time. */
type AnyDocument = {_type?: string; [field: string]: unknown}

type BodyMember = {_type: string; markDefs?: {_type?: string; company?: {_ref?: string}}[]}

/** Ids of the companies an article references: related companies, then company mentions in the body, each once. */
export function referencedCompanyIds(article: AnyDocument): string[] {
  const ids = new Set<string>()
  const related = Array.isArray(article.relatedCompanies) ? (article.relatedCompanies as {_ref?: string}[]) : []
  for (const reference of related) if (typeof reference?._ref === 'string') ids.add(reference._ref)
  for (const member of bodyOf(article)) {
    for (const mark of member.markDefs ?? []) {
      if (mark?._type === 'companyMention' && typeof mark.company?._ref === 'string') ids.add(mark.company._ref)
    }
  }
  return [...ids]
}

/** Both search fields of an article or company; empty for any other type. */
export function searchFieldsFor(document: AnyDocument, context: SearchTextContext = {}): SearchFields {
  switch (document._type) {
    case 'article': {
      const titleTokens = textTokens(stringOf(document.title))
      const tags = Array.isArray(document.tags) ? document.tags.filter((tag): tag is string => typeof tag === 'string') : []
      const companyTokens = referencedCompanyIds(document).flatMap((id) => {
        const names = context.companyNames?.(id)
        return names ? companyNameTokens(names) : []
      })
      return compactFields(titleTokens, [
        ...titleTokens,
        ...textTokens(stringOf(document.dek)),
        ...textTokens(portableTextToPlainText(bodyOf(document))),
        ...tags.flatMap((tag) => textTokens(tag)),
        ...companyTokens,
      ])
    }
    case 'company': {
      const nameTokens = companyNameTokens(document as CompanyNames)
      return compactFields(nameTokens, [...nameTokens, ...textTokens(stringOf(document.description))])
    }
    default:
      return {}
  }
}

/** The `searchText` field of an article or company; `undefined` for other types or a document without text. */
export function searchTextFor(document: AnyDocument, context: SearchTextContext = {}): string | undefined {
  return searchFieldsFor(document, context).searchText
}

function compactFields(titleTokens: string[], allTokens: string[]): SearchFields {
  const join = (tokens: string[]) => (tokens.length ? [...new Set(tokens)].join(' ') : undefined)
  const fields: SearchFields = {}
  const searchText = join(allTokens)
  const searchTitle = join(titleTokens)
  if (searchText !== undefined) fields.searchText = searchText
  if (searchTitle !== undefined) fields.searchTitle = searchTitle
  return fields
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function bodyOf(document: AnyDocument): BodyMember[] {
  return Array.isArray(document.body) ? (document.body as BodyMember[]) : []
}
