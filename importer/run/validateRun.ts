/**
 * Runs the import's documents through Sanity's own validation before anything is written (`only`:
 * documents equal to their stored version, as on a rerun, are not validated again), against one index
 * of the dataset's stubs plus all of the run's documents (the run's version replacing the stored one,
 * as the write will), in worker threads (`validateInWorkers`, results in document order): two for a
 * large run, one for a small one, so `sanity` is never loaded into the importer's own thread.
 * Returns its part of the report: warnings and, under `--force`, the problems let through; any error
 * without `--force` stops the run naming file, document, path and message.
 */
import type {ValidationProblem} from '../../schemas/validation'
import {ImportError, ImportErrors} from '../errors'
import type {PlannedDocument} from '../types'
import type {DatasetContext} from './readDatasetContext'

/** From this many documents on, a second worker pays for its start-up (~1–2 s of CPU, loading `sanity`). */
const SECOND_WORKER_FROM = 300

export interface ValidateReport {
  warnings: string[]
  forcedProblems: {file: string; documentId: string; path: string; message: string}[]
}

export interface ValidateRunOptions {
  force: boolean
  only?: ReadonlySet<string>
  drafts: {id: string; missingFields: string[]}[]
  onProgress?: (done: number, total: number) => void
}

export async function validateRun(planned: PlannedDocument[], context: DatasetContext, options: ValidateRunOptions): Promise<ValidateReport> {
  const report: ValidateReport = {warnings: [], forcedProblems: []}
  const toValidate = options.only ? planned.filter((entry) => options.only!.has(entry.document._id)) : planned
  if (toValidate.length === 0) return report
  const documents = toValidate.map((entry) => entry.document)
  const problems = await validateWithWorkers(documents, planned, context, options.onProgress)

  const fileOf = new Map(planned.map((entry) => [entry.document._id, entry.file]))
  const missingById = new Map(options.drafts.map((draft) => [draft.id, draft.missingFields]))
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
  return report
}

type Progress = ValidateRunOptions['onProgress']

async function validateWithWorkers(documents: PlannedDocument['document'][], planned: PlannedDocument[], context: DatasetContext, onProgress: Progress): Promise<ValidationProblem[]> {
  const [{validateInWorkers}, {validationStub}] = await Promise.all([
    import('../../schemas/validation/validateInWorkers'),
    import('../../schemas/validation/validationIndex'),
  ])
  // stored stubs first, then the run's documents, so the run's version replaces the stored one in the index
  const stubs = [...context.stubs.values(), ...planned.map((entry) => entry.document)].map(validationStub)
  return validateInWorkers(documents, {stubs, workers: documents.length >= SECOND_WORKER_FROM ? 2 : 1, onProgress})
}
