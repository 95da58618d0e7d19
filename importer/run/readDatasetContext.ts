/**
 * Everything an import needs to know about the target dataset, read ONCE before parsing: the entities
 * the linker may link to (names, abbreviations, aliases), and one small stub per stored document (id,
 * type, slug, legacy id, first import time, interview keys): enough to resolve references, keep
 * `importedAt`, catch a legacy id imported under another slug, and answer the validators' questions
 * (slug uniqueness, reference existence, interview keys) without asking the target again.
 * Full stored documents are read only by the plan, inside the write lock (`planAndWrite.ts`).
 */
import type {SanityDocumentLike} from 'sanity'

import type {KnownEntity} from '../link/buildRegistry'
import type {ImportTarget} from '../write/importTarget'

export interface StoredStub extends SanityDocumentLike {
  slug?: {current?: string} | null
  legacy?: {legacyId?: string | null; importedAt?: string | null} | null
  interviews?: {_key: string}[] | null
  name?: string | null
  nameZh?: string | null
  title?: string | null
  abbreviation?: string | null
  aliases?: string[] | null
}

export interface DatasetContext {
  /** Published companies, regulations and interview sources, for the linker. */
  known: KnownEntity[]
  stubs: Map<string, StoredStub>
  /** Stored article id per legacy id. */
  articleByLegacyId: Map<string, string>
}

// One query: every document's stub. Entity names come along for the three linkable types only.
const CONTEXT_QUERY = `*[]{
  _id, _type, slug,
  _type == "article" => {"legacy": legacy{legacyId, importedAt}},
  _type == "interviewSource" => {"interviews": interviews[]{_key}},
  _type in ["company", "regulation", "interviewSource"] => {name, nameZh, title, abbreviation, aliases}
}`

const LINKABLE = new Set(['company', 'regulation', 'interviewSource'])

export async function readDatasetContext(target: ImportTarget): Promise<DatasetContext> {
  const stubs = new Map<string, StoredStub>()
  const known: KnownEntity[] = []
  const articleByLegacyId = new Map<string, string>()
  for (const stub of await target.fetch<StoredStub[]>(CONTEXT_QUERY)) {
    stubs.set(stub._id, stub)
    if (LINKABLE.has(stub._type) && !stub._id.startsWith('drafts.')) known.push(knownEntity(stub))
    const legacyId = stub._type === 'article' ? stub.legacy?.legacyId : undefined
    if (legacyId) articleByLegacyId.set(legacyId, stub._id)
  }
  // Same order as the stored dataset gives: the registry's first alias registration wins.
  return {known, stubs, articleByLegacyId}
}

/** The stub as `ENTITY_NAMES_QUERY` used to return it (absent fields as null, as GROQ projects them). */
function knownEntity(stub: StoredStub): KnownEntity {
  return {
    _id: stub._id,
    _type: stub._type as KnownEntity['_type'],
    name: stub.name ?? undefined,
    title: stub.title ?? undefined,
    abbreviation: stub.abbreviation ?? undefined,
    aliases: stub.aliases ?? undefined,
  }
}
