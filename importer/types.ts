/**
 * Shapes shared by the importer's stages: what a parser hands on (a legacy article with its body
 * already in Portable Text), and the documents and report the run produces.
 */
import type {PortableTextBlock} from '@portabletext/types'

import type {Article, Company} from '../queries/sanity.types'

export type SourceFormat = 'text' | 'markdown' | 'html' | 'wxr'

/** Something the importer left out on purpose (boilerplate, scripts, styles), listed in the report. */
export interface DroppedContent {
  file: string
  what: string
  reason: string
}

/** One legacy article as parsed, before linking and before it becomes documents. */
export interface ParsedArticle {
  file: string
  format: SourceFormat
  title: string
  /** Blocks with deterministic keys; spans carry only decorators/links from the source so far. */
  body: PortableTextBlock[]
  newsletterCta: boolean
  dropped: DroppedContent[]
  /** Facts the source itself carries (front matter, WXR fields); the manifest wins over these. */
  meta: SourceMeta
}

export interface SourceMeta {
  legacyId?: string
  slug?: string
  sourceUrl?: string
  publishedAt?: string
  authors?: {key: string; name: string}[]
  section?: {key: string; title: string}
  tags?: string[]
  dek?: string
}

export interface ImportDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

/** A document as the importer assembles it: the generated type, without the fields the store stamps on write. */
export type Assembled<T extends {_id: string}> = Omit<T, '_createdAt' | '_updatedAt' | '_rev'>
export type AssembledArticle = Assembled<Article>
export type AssembledCompany = Assembled<Company>

export type WriteOperation = 'createOrReplace' | 'createIfNotExists'

export interface PlannedDocument {
  document: ImportDocument
  operation: WriteOperation
  file: string
}

export type Outcome = 'created' | 'updated' | 'unchanged'
