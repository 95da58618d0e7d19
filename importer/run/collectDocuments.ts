/**
 * Parse → link → assemble, streamed one article at a time: every source's articles become documents:
 * the manifest's shared entities (`createIfNotExists`), authors and sections named by the source itself,
 * and the linked article (`createOrReplace`); articles and companies carry their search fields. Catches what only a whole run can see: two sources with
 * one legacy id or slug, or a legacy id the dataset already has on another article. Returns its own
 * part of the report; nothing here asks the target (the dataset context was read before).
 */
import {slugifyTitle} from '../../schemas/slug/slugifyTitle'
import type {CompanyNames} from '../../schemas/search/searchTextFor'
import {entityId, ReferenceResolver} from '../assemble/references'
import {type CompanyNamesLookup, withSearchFields} from '../assemble/withSearchFields'
import {articleDocument} from '../assemble/articleDocument'
import {compact, manifestDocuments} from '../assemble/manifestDocuments'
import {ImportError} from '../errors'
import {buildRegistry} from '../link/buildRegistry'
import type {EntityRegistry} from '../link/entityRegistry'
import {linkBody} from '../link/linkBody'
import type {Manifest} from '../manifest/manifestTypes'
import type {DroppedContent, ImportDocument, ParsedArticle, PlannedDocument} from '../types'
import type {LegacySource} from './collectInputs'
import {loadRunManifests} from './loadRunManifests'
import {parseSource} from './parseSource'
import {sameContent} from './planWrites'
import type {DatasetContext} from './readDatasetContext'
import type {StageClock} from './stageClock'

export interface CollectOptions {
  context: DatasetContext
  force: boolean
  /** This run's time, the `importedAt` of articles the dataset does not have yet. */
  importedAt: string
  /** Records parse, link and assemble time per article. */
  clock: StageClock
  onArticle?: () => void
}

export interface CollectReport {
  files: string[]
  articles: number
  warnings: string[]
  dropped: DroppedContent[]
  drafts: {id: string; file: string; missingFields: string[]}[]
}

export async function collectDocuments(sources: LegacySource[], options: CollectOptions) {
  const {context} = options
  const report: CollectReport = {files: [], articles: 0, warnings: [], dropped: [], drafts: []}
  const planned = new Map<string, PlannedDocument>()
  const {clock} = options
  const byLegacyId = new Map<string, string>()
  const manifests = await loadRunManifests(sources)
  const plainRegistry = buildRegistry(manifests.merged, context.known)
  const knownIds = new Set([...context.stubs.keys(), ...manifests.entityIds])
  // importedAt is the FIRST import's time: reruns keep the stored one, so they compare (and write) as unchanged.
  const importedAtFor = (id: string) => context.stubs.get(id)?.legacy?.importedAt ?? options.importedAt

  const companyNames = companyNamesLookup(manifests.merged, context)
  const add = (assembled: ImportDocument, operation: PlannedDocument['operation'], file: string) => {
    const document = withSearchFields(assembled, companyNames)
    const earlier = planned.get(document._id)
    if (!earlier) planned.set(document._id, {document, operation, file})
    else if (operation === 'createOrReplace') {
      throw new ImportError(file, `produces ${document._id}, which ${earlier.file} produces too; give one of them another slug`)
    } else if (!sameContent(earlier.document, document)) {
      report.warnings.push(`${file}: ${document._id} differs from the definition in ${earlier.file}; the first one is used`)
    }
  }

  for (const source of sources) {
    report.files.push(source.file)
    const manifest = manifests.bySource.get(source.file)
    let registry: EntityRegistry = plainRegistry
    let refs: ReferenceResolver | undefined
    if (manifest) {
      refs = new ReferenceResolver(manifest, knownIds)
      for (const document of manifestDocuments(manifest, refs)) add(document, 'createIfNotExists', manifest.file)
      registry = buildRegistry(manifest, context.known)
    }
    const articles = parseSource(source, {force: options.force, onDropped: (dropped) => report.dropped.push(dropped)})
    for (;;) {
      // parse, link and assemble interleave per article; the clock is split so the report shows each stage's share
      let started = clock.start()
      const next = await articles.next()
      started = clock.stop('parse', started)
      if (next.done) break
      const parsed = next.value
      const linked = linkBody(parsed.body, registry)
      started = clock.stop('link', started)
      const built = articleDocument(parsed, manifest, refs, linked, importedAtFor)
      checkLegacyId(built.legacyId, built.document._id, parsed.file, byLegacyId, context)
      byLegacyId.set(built.legacyId, parsed.file)
      if (!manifest) for (const document of sourceEntities(parsed)) add(document, 'createIfNotExists', parsed.file)
      add(built.document, 'createOrReplace', parsed.file)
      report.dropped.push(...parsed.dropped)
      if (built.missingFields.length) report.drafts.push({id: built.document._id, file: parsed.file, missingFields: built.missingFields})
      warnUnlinked(parsed, manifest, built.linkedIds, report.warnings)
      report.articles += 1
      clock.stop('assemble', started)
      options.onArticle?.()
    }
  }
  return {planned: [...planned.values()], report}
}

/** Company names by id: the run's manifests, then the dataset's stored companies (which the write keeps). */
function companyNamesLookup(merged: Manifest, context: DatasetContext): CompanyNamesLookup {
  const names = new Map<string, CompanyNames>()
  for (const company of merged.companies ?? []) names.set(entityId('company', company.key), company)
  for (const stub of context.stubs.values()) if (stub._type === 'company') names.set(stub._id, stub)
  return (companyId) => names.get(companyId)
}

/** Two sources with one legacy id, or a legacy id the dataset has on another article: one legacy article, two ids. */
function checkLegacyId(legacyId: string, id: string, file: string, seen: Map<string, string>, context: DatasetContext) {
  const earlierFile = seen.get(legacyId)
  if (earlierFile) {
    throw new ImportError(file, `duplicate legacy id "${legacyId}": ${earlierFile} has it too; each legacy article needs its own id`)
  }
  const storedId = context.articleByLegacyId.get(legacyId)
  if (storedId && storedId.replace(/^drafts\./, '') !== id.replace(/^drafts\./, '')) {
    throw new ImportError(file, `duplicate legacy id "${legacyId}": the dataset already has it on ${storedId}; each legacy article needs its own id`)
  }
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
function warnUnlinked(parsed: ParsedArticle, m: Manifest | undefined, linked: Set<string>, warnings: string[]) {
  const expected = [
    ...(m?.companies ?? []).map((entry) => `company.${entry.key}`),
    ...(m?.regulations ?? []).map((entry) => `regulation.${entry.key}`),
    ...(m?.sources ?? []).map((entry) => `interviewSource.${entry.key}`),
  ]
  for (const id of expected) {
    if (!linked.has(id)) warnings.push(`${parsed.file}: ${id} is in the manifest but the body never names it (add an alias?)`)
  }
}
