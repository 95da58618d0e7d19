/**
 * Builds the linker's registry for one article: the manifest's entities and aliases first, then the
 * companies, regulations and sources already in the dataset (names, abbreviations, aliases), so an
 * article without a manifest is still linked to what earlier imports or editors created.
 */
import {entityId} from '../assemble/references'
import type {Manifest} from '../manifest/manifestTypes'
import {EntityRegistry} from './entityRegistry'

/** What the importer reads of existing entity documents; see `ENTITY_NAMES_QUERY`. */
export interface KnownEntity {
  _id: string
  _type: 'company' | 'regulation' | 'interviewSource'
  name?: string
  title?: string
  abbreviation?: string
  aliases?: string[]
}

export const ENTITY_NAMES_QUERY = `*[_type in ["company", "regulation", "interviewSource"] && !(_id in path("drafts.**"))]{_id, _type, name, title, abbreviation, aliases}`

const KIND_BY_TYPE = {company: 'company', regulation: 'regulation', interviewSource: 'source'} as const

export function buildRegistry(manifest: Manifest | undefined, known: KnownEntity[]): EntityRegistry {
  const registry = new EntityRegistry()
  for (const company of manifest?.companies ?? []) {
    const targetId = entityId('company', company.key)
    for (const alias of [company.name, ...(company.aliases ?? [])]) registry.add({alias, kind: 'company', targetId})
  }
  for (const regulation of manifest?.regulations ?? []) {
    const targetId = entityId('regulation', regulation.key)
    const names = [regulation.title, regulation.abbreviation, ...(regulation.aliases ?? [])]
    for (const alias of names) if (alias) registry.add({alias, kind: 'regulation', targetId})
  }
  for (const source of manifest?.sources ?? []) {
    const targetId = entityId('interviewSource', source.key)
    for (const alias of [source.name, ...(source.aliases ?? [])]) registry.add({alias, kind: 'source', targetId})
  }
  for (const product of manifest?.products ?? []) registry.add({alias: product.name, kind: 'product'})
  for (const quote of manifest?.quotes ?? []) {
    registry.addQuote({text: quote.text, speakerId: entityId('interviewSource', quote.speaker), interviewKey: quote.interview})
  }
  for (const entity of known) {
    const kind = KIND_BY_TYPE[entity._type]
    const names = [entity.name, entity.title, entity.abbreviation, ...(entity.aliases ?? [])]
    for (const alias of names) if (kind && alias) registry.add({alias, kind, targetId: entity._id})
  }
  return registry
}
