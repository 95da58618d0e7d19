/**
 * The shared entity documents a manifest defines (companies, regulations, interview sources, authors,
 * section, unicorn lists), in the schema's field names with deterministic ids and array keys. These are
 * written with `createIfNotExists`, so an editor's later changes in the Studio survive reimports.
 */
import {ImportError} from '../errors'
import type {Manifest} from '../manifest/manifestTypes'
import type {ImportDocument} from '../types'
import {deterministicKey} from './deterministicKey'
import {entityId, type ReferenceResolver} from './references'

const slug = (current: string) => ({_type: 'slug', current})

export function manifestDocuments(manifest: Manifest, refs: ReferenceResolver): ImportDocument[] {
  const documents: ImportDocument[] = []
  for (const [index, company] of (manifest.companies ?? []).entries()) {
    const id = entityId('company', company.key)
    documents.push(compact({
      _id: id,
      _type: 'company',
      name: company.name,
      nameZh: company.nameZh,
      slug: slug(company.key),
      aliases: company.aliases,
      kind: company.kind,
      parent: company.parent ? refs.reference('company', company.parent, `companies[${index}].parent`) : undefined,
      headquarters: company.headquarters,
      sectors: company.sectors,
      website: company.website,
      listings: company.listings?.map((listing) => ({_key: deterministicKey(id, listing.exchange, listing.ticker), _type: 'stockListing', ...listing})),
      description: company.description,
    }))
  }
  for (const regulation of manifest.regulations ?? []) {
    const {key, aliases: _aliases, ...fields} = regulation
    documents.push(compact({_id: entityId('regulation', key), _type: 'regulation', ...fields, slug: slug(key)}))
  }
  for (const [index, source] of (manifest.sources ?? []).entries()) {
    const {key, aliases: _aliases, organisation, interviews, ...fields} = source
    documents.push(compact({
      _id: entityId('interviewSource', key),
      _type: 'interviewSource',
      ...fields,
      slug: slug(key),
      organisation: organisation?.company
        ? {company: refs.reference('company', organisation.company, `sources[${index}].organisation.company`)}
        : organisation?.name ? {name: organisation.name} : undefined,
      interviews: interviews?.map(({key: interviewKey, ...interview}) => ({_key: interviewKey, _type: 'interview', ...interview})),
    }))
  }
  for (const author of manifest.authors ?? []) {
    const {key, ...fields} = author
    documents.push(compact({_id: entityId('author', key), _type: 'author', ...fields, slug: slug(key)}))
  }
  if (manifest.section) {
    const {key, ...fields} = manifest.section
    documents.push(compact({_id: entityId('section', key), _type: 'section', ...fields, slug: slug(key)}))
  }
  for (const [index, list] of (manifest.unicornLists ?? []).entries()) {
    const {key, tracker, sectorBreakdown, period, ...fields} = list
    const id = entityId('unicornList', key)
    documents.push(compact({
      _id: id,
      _type: 'unicornList',
      ...fields,
      slug: slug(key),
      tracker: tracker ? refs.reference('company', tracker, `unicornLists[${index}].tracker`) : undefined,
      period,
      sectorBreakdown: sectorBreakdown?.map((row) => ({_key: deterministicKey(id, row.sector, row.otherSector ?? ''), _type: 'sectorCount', ...row})),
    }))
  }
  checkQuotes(manifest, refs)
  return documents
}

/** A quote's interview must be one the speaker gave, or the attribution would point nowhere. */
function checkQuotes(manifest: Manifest, refs: ReferenceResolver): void {
  for (const [index, quote] of (manifest.quotes ?? []).entries()) {
    refs.resolve('interviewSource', quote.speaker, `quotes[${index}].speaker`)
    const speaker = manifest.sources?.find((source) => source.key === quote.speaker)
    if (speaker && quote.interview && !speaker.interviews?.some((interview) => interview.key === quote.interview)) {
      throw new ImportError(manifest.file, `names the unknown interview "${quote.interview}" of ${quote.speaker}; add it under sources[${quote.speaker}].interviews`, {path: `quotes[${index}].interview`})
    }
  }
}

/** Drops undefined fields (and empty arrays), so documents compare equal however they were assembled. */
export function compact<T extends Record<string, unknown>>(document: T): T & ImportDocument {
  const result: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(document)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue
    result[field] = value
  }
  return result as T & ImportDocument
}
