/**
 * Runs the import's documents through Sanity's own validation before anything is written (`only`:
 * documents equal to their stored version, as on a rerun, are not validated again): one
 * index over the dataset's stubs plus all of the run's documents (the run's version replacing the
 * stored one, as the write will), then `validateDocuments` in bounded batches, each validated
 * concurrently. Returns its part of the report: warnings and, under `--force`, the problems let
 * through; any error without `--force` stops the run naming file, document, path and message.
 * The validation module (and with it `sanity`) is loaded only when there is something to validate.
 */
import {ImportError, ImportErrors} from '../errors'
import type {PlannedDocument} from '../types'
import type {DatasetContext} from './readDatasetContext'

const BATCH_SIZE = 500

export interface ValidateReport {
  warnings: string[]
  forcedProblems: {file: string; documentId: string; path: string; message: string}[]
}

export async function validateRun(
  planned: PlannedDocument[],
  context: DatasetContext,
  options: {force: boolean; only?: ReadonlySet<string>; drafts: {id: string; missingFields: string[]}[]; onProgress?: (done: number, total: number) => void},
): Promise<ValidateReport> {
  const report: ValidateReport = {warnings: [], forcedProblems: []}
  const toValidate = options.only ? planned.filter((entry) => options.only!.has(entry.document._id)) : planned
  if (toValidate.length === 0) return report
  const {ValidationIndex, validateDocuments} = await import('../../schemas/validation')
  const index = new ValidationIndex(context.stubs.values())
  for (const {document} of planned) index.add(document)

  const fileOf = new Map(planned.map((entry) => [entry.document._id, entry.file]))
  const missingById = new Map(options.drafts.map((draft) => [draft.id, draft.missingFields]))
  const fatal: ImportError[] = []
  for (let start = 0; start < toValidate.length; start += BATCH_SIZE) {
    const batch = toValidate.slice(start, start + BATCH_SIZE).map((entry) => entry.document)
    for (const problem of await validateDocuments(batch, {index})) {
      const file = fileOf.get(problem.documentId) ?? '?'
      const isMissingDraftField = missingById.get(problem.documentId)?.some((field) => problem.path === field || problem.path.startsWith(`${field}[`))
      if (problem.level !== 'error' || isMissingDraftField) {
        if (problem.level !== 'info' && !isMissingDraftField) report.warnings.push(`${file}: ${problem.documentId} at ${problem.path || '(document)'}: ${problem.message}`)
        continue
      }
      if (options.force) report.forcedProblems.push({file, documentId: problem.documentId, path: problem.path, message: problem.message})
      else fatal.push(new ImportError(file, problem.message, {documentId: problem.documentId, path: problem.path || '(document)'}))
    }
    options.onProgress?.(Math.min(start + BATCH_SIZE, toValidate.length), toValidate.length)
  }
  if (fatal.length > 0) throw new ImportErrors(fatal)
  return report
}
