/**
 * Parses every source and turns each article into documents: the manifest's shared entities
 * (`createIfNotExists`), authors and sections named by the source itself, and the linked article
 * (`createOrReplace`). Catches what only a whole run can see: two sources with one legacy id or slug.
 */
import {slugifyTitle} from '../../schemas/slug/slugifyTitle'
import {ReferenceResolver} from '../assemble/references'
import {articleDocument} from '../assemble/articleDocument'
import {compact, manifestDocuments} from '../assemble/manifestDocuments'
import {ImportError} from '../errors'
import {buildRegistry, type KnownEntity} from '../link/buildRegistry'
import type {EntityRegistry} from '../link/entityRegistry'
import type {Manifest} from '../manifest/manifestTypes'
import type {ImportDocument, ParsedArticle, PlannedDocument} from '../types'
import type {LegacySource} from './collectInputs'
import type {ImportReport} from './importReport'
import {loadRunManifests} from './loadRunManifests'
import {parseSource} from './parseSource'
import {sameContent} from './planWrites'

export interface CollectContext {
  known: KnownEntity[]
  existingIds: ReadonlySet<string>
  force: boolean
  report: ImportReport
  onArticle?: () => void
}

export interface CollectedArticle {
  id: string
  file: string
  legacyId: string
}

export async function collectDocuments(sources: LegacySource[], context: CollectContext) {
  const planned = new Map<string, PlannedDocument>()
  const articles: CollectedArticle[] = []
  const byLegacyId = new Map<string, string>()
  const manifests = await loadRunManifests(sources)
  const plainRegistry = buildRegistry(manifests.merged, context.known)
  const knownIds = new Set([...context.existingIds, ...manifests.entityIds])

  const add = (document: ImportDocument, operation: PlannedDocument['operation'], file: string) => {
    const earlier = planned.get(document._id)
    if (!earlier) planned.set(document._id, {document, operation, file})
    else if (operation === 'createOrReplace') {
      throw new ImportError(file, `produces ${document._id}, which ${earlier.file} produces too; give one of them another slug`)
    } else if (!sameContent(earlier.document, document)) {
      context.report.warnings.push(`${file}: ${document._id} differs from the definition in ${earlier.file}; the first one is used`)
    }
  }

  for (const source of sources) {
    context.report.files.push(source.file)
    const manifest = manifests.bySource.get(source.file)
    let registry: EntityRegistry = plainRegistry
    let refs: ReferenceResolver | undefined
    if (manifest) {
      refs = new ReferenceResolver(manifest, knownIds)
      for (const document of manifestDocuments(manifest, refs)) add(document, 'createIfNotExists', manifest.file)
      registry = buildRegistry(manifest, context.known)
    }
    for await (const parsed of parseSource(source, {force: context.force, onDropped: (dropped) => context.report.dropped.push(dropped)})) {
      const built = articleDocument(parsed, manifest, refs, registry)
      const earlierFile = byLegacyId.get(built.legacyId)
      if (earlierFile) {
        throw new ImportError(parsed.file, `duplicate legacy id "${built.legacyId}": ${earlierFile} has it too; each legacy article needs its own id`)
      }
      byLegacyId.set(built.legacyId, parsed.file)
      if (!manifest) for (const document of sourceEntities(parsed)) add(document, 'createIfNotExists', parsed.file)
      add(built.document, 'createOrReplace', parsed.file)
      articles.push({id: built.document._id, file: parsed.file, legacyId: built.legacyId})
      context.report.dropped.push(...parsed.dropped)
      if (built.missingFields.length) {
        context.report.drafts.push({id: built.document._id, file: parsed.file, missingFields: built.missingFields})
      }
      warnUnlinked(parsed, manifest, built.linkedIds, context.report)
      context.report.articles += 1
      context.onArticle?.()
    }
  }
  return {planned: [...planned.values()], articles}
}

/** Authors and sections a source names itself (front matter, WXR), created if missing. */
function sourceEntities(parsed: ParsedArticle): ImportDocument[] {
  const {authors = [], section} = parsed.meta
  const documents: ImportDocument[] = authors.map((author) => {
    const key = author.key || slugifyTitle(author.name)
    return compact({_id: `author.${key}`, _type: 'author', name: author.name, slug: {_type: 'slug', current: key}})
  })
  if (section) {
    const key = section.key || slugifyTitle(section.title)
    documents.push(compact({_id: `section.${key}`, _type: 'section', title: section.title, slug: {_type: 'slug', current: key}}))
  }
  return documents
}

/** A manifest entity the body never names is worth a look: a missing alias, or a fact from elsewhere. */
function warnUnlinked(parsed: ParsedArticle, m: Manifest | undefined, linked: Set<string>, report: ImportReport) {
  const expected = [
    ...(m?.companies ?? []).map((entry) => `company.${entry.key}`),
    ...(m?.regulations ?? []).map((entry) => `regulation.${entry.key}`),
    ...(m?.sources ?? []).map((entry) => `interviewSource.${entry.key}`),
  ]
  for (const id of expected) {
    if (!linked.has(id)) report.warnings.push(`${parsed.file}: ${id} is in the manifest but the body never names it (add an alias?)`)
  }
}
