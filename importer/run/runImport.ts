/**
 * One import run, start to finish: collect sources, build documents, check legacy ids against the
 * dataset, keep the first import's `importedAt`, validate everything with Sanity's rules, decide
 * created/updated/unchanged, and write only what changed (or nothing, on `--dry-run` or any error).
 */
import {ImportError, ImportErrors} from '../errors'
import {ENTITY_NAMES_QUERY, type KnownEntity} from '../link/buildRegistry'
import type {ImportDocument} from '../types'
import type {ImportTarget} from '../write/importTarget'
import {collectInputs} from './collectInputs'
import {collectDocuments} from './collectDocuments'
import {countOutcomes, emptyReport, type ImportReport} from './importReport'
import {planWrites} from './planWrites'
import {validateBeforeWrite} from './validateBeforeWrite'

export interface ImportProgress {
  phase: 'parse' | 'validate' | 'write'
  done: number
  total?: number
}

export interface RunImportOptions {
  inputs: string[]
  target: ImportTarget
  dryRun?: boolean
  force?: boolean
  /** Clock for `legacy.importedAt` of first imports (tests pin it). */
  now?: () => Date
  onProgress?: (progress: ImportProgress) => void
}

const ENTITY_IDS_QUERY = '*[_type in ["company", "regulation", "interviewSource", "author", "section", "unicornList"]]._id'
const ID_CHUNK = 500

export async function runImport(options: RunImportOptions): Promise<ImportReport> {
  const {target, onProgress} = options
  const report = emptyReport(target.description, Boolean(options.dryRun), Boolean(options.force))
  const sources = await collectInputs(options.inputs)
  const known = await target.fetch<KnownEntity[]>(ENTITY_NAMES_QUERY)
  const existingIds = new Set(await target.fetch<string[]>(ENTITY_IDS_QUERY))

  let parsedCount = 0
  const {planned, articles} = await collectDocuments(sources, {
    known,
    existingIds,
    force: Boolean(options.force),
    report,
    onArticle: () => onProgress?.({phase: 'parse', done: ++parsedCount}),
  })

  const existing = await fetchByIds(target, planned.map((entry) => entry.document._id))
  await checkLegacyIdsAgainstDataset(target, articles)

  // importedAt is the FIRST import's time: reruns copy it over, so they compare (and write) as unchanged.
  const importedAt = (options.now ?? (() => new Date()))().toISOString()
  for (const {document} of planned) {
    if (document._type !== 'article') continue
    const stored = existing.get(document._id) as {legacy?: {importedAt?: string}} | undefined
    const legacy = document.legacy as Record<string, unknown>
    legacy.importedAt = stored?.legacy?.importedAt ?? importedAt
  }

  const problems = await validateBeforeWrite(planned, target, (done, total) => onProgress?.({phase: 'validate', done, total}))
  const fileOf = new Map(planned.map((entry) => [entry.document._id, entry.file]))
  const missingById = new Map(report.drafts.map((draft) => [draft.id, draft.missingFields]))
  const fatal: ImportError[] = []
  for (const problem of problems) {
    const file = fileOf.get(problem.documentId) ?? '?'
    const isMissingDraftField = missingById.get(problem.documentId)?.some((field) => problem.path === field || problem.path.startsWith(`${field}[`))
    if (problem.level !== 'error' || isMissingDraftField) {
      if (problem.level !== 'info' && !isMissingDraftField) report.warnings.push(`${file}: ${problem.documentId} at ${problem.path || '(document)'}: ${problem.message}`)
      continue
    }
    if (options.force) report.forcedProblems.push({file, documentId: problem.documentId, path: problem.path, message: problem.message})
    else fatal.push(new ImportError(file, problem.message, {documentId: problem.documentId, path: problem.path || '(document)'}))
  }
  if (fatal.length > 0) throw new ImportErrors(fatal)

  const {outcomes, mutations} = planWrites(planned, existing)
  countOutcomes(report, outcomes)
  if (!options.dryRun && mutations.length > 0) {
    report.written = await target.write(mutations, ({done, total}) => onProgress?.({phase: 'write', done, total}))
  }
  return report
}

async function fetchByIds(target: ImportTarget, ids: string[]): Promise<Map<string, ImportDocument>> {
  const found = new Map<string, ImportDocument>()
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const documents = await target.fetch<ImportDocument[]>('*[_id in $ids]', {ids: ids.slice(start, start + ID_CHUNK)})
    for (const document of documents) found.set(document._id, document)
  }
  return found
}

/** A legacy id already imported under another article id means two sources claim one legacy article. */
async function checkLegacyIdsAgainstDataset(target: ImportTarget, articles: {id: string; file: string; legacyId: string}[]) {
  const byLegacyId = new Map(articles.map((article) => [article.legacyId, article]))
  const legacyIds = [...byLegacyId.keys()]
  for (let start = 0; start < legacyIds.length; start += ID_CHUNK) {
    const stored = await target.fetch<{_id: string; legacyId: string}[]>(
      '*[_type == "article" && legacy.legacyId in $legacyIds]{_id, "legacyId": legacy.legacyId}',
      {legacyIds: legacyIds.slice(start, start + ID_CHUNK)},
    )
    for (const document of stored) {
      const article = byLegacyId.get(document.legacyId)!
      if (document._id.replace(/^drafts\./, '') !== article.id.replace(/^drafts\./, '')) {
        throw new ImportError(article.file, `duplicate legacy id "${document.legacyId}": the dataset already has it on ${document._id}; each legacy article needs its own id`)
      }
    }
  }
}
