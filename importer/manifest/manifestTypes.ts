/**
 * The per-article manifest: what an editor verified and the text cannot carry (date, authors, section,
 * the companies, regulations, sources, quotes and unicorn lists the article is about). Entity `key`s
 * become slugs and deterministic ids; references between entities name those keys.
 */
export interface Manifest {
  /** The manifest's own path, for error messages. */
  file: string
  legacyId?: string
  slug?: string
  sourceUrl?: string
  publishedAt?: string
  dek?: string
  authors?: {key: string; name: string; role?: string; bio?: string}[]
  section?: {key: string; title: string; description?: string}
  tags?: string[]
  regions?: string[]
  industries?: string[]
  companies?: ManifestCompany[]
  products?: {name: string; maker?: string}[]
  regulations?: ManifestRegulation[]
  sources?: ManifestSource[]
  quotes?: {text: string; speaker: string; interview?: string}[]
  unicornLists?: ManifestUnicornList[]
}

interface ManifestEntity {
  key: string
  aliases?: string[]
}

export interface ManifestCompany extends ManifestEntity {
  name: string
  nameZh?: string
  kind?: string
  parent?: string
  headquarters?: {country?: string; city?: string}
  sectors?: string[]
  website?: string
  listings?: {exchange: string; ticker: string}[]
  description?: string
}

export interface ManifestRegulation extends ManifestEntity {
  title: string
  titleZh?: string
  abbreviation?: string
  instrumentType?: string
  jurisdiction?: string
  passedBy?: string
  enforcingBodies?: string[]
  adoptedAt?: string
  promulgatedAt?: string
  effectiveAt?: string
  status?: string
  officialTextUrl?: string
  summary?: string
}

export interface ManifestSource extends ManifestEntity {
  name: string
  nameZh?: string
  jobTitle?: string
  organisation?: {company?: string; name?: string}
  bio?: string
  interviews?: {key: string; kind: string; outlet?: string; date?: string; url?: string; attribution?: string}[]
}

export interface ManifestUnicornList {
  key: string
  title: string
  tracker?: string
  period?: {year: number; kind: 'quarter' | 'half'; quarter?: number; half?: number}
  cutoffDate?: string
  publishedAt?: string
  scope?: string
  methodology?: string
  sourceWording?: string
  totalCount?: number
  sectorBreakdown?: {sector: string; otherSector?: string; count: number}[]
}

export const MANIFEST_FIELDS: (keyof Manifest)[] = [
  'legacyId', 'slug', 'sourceUrl', 'publishedAt', 'dek', 'authors', 'section', 'tags', 'regions', 'industries',
  'companies', 'products', 'regulations', 'sources', 'quotes', 'unicornLists',
]
