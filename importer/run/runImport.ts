/**
 * One import run, a straight line: collect the inputs (refusing oversized files before parsing), read
 * the dataset context once, then parse → link → assemble (streamed, pure), validate with Sanity's rules,
 * and plan → write inside the import lock. Each stage returns its own part of the report; no stage goes
 * back to an earlier one or asks the target again, except the plan, which reads the stored versions of
 * its documents under the lock. Nothing is written on `--dry-run` or after any error.
 */
import type {ImportTarget} from '../write/importTarget'
import {collectInputs} from './collectInputs'
import {collectDocuments} from './collectDocuments'
import {countOutcomes, emptyReport, type ImportReport} from './importReport'
import {planAndWrite} from './planAndWrite'
import {sameContent} from './planWrites'
import {readDatasetContext} from './readDatasetContext'
import {StageClock} from './stageClock'
import {validateRun} from './validateRun'

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

export async function runImport(options: RunImportOptions): Promise<ImportReport> {
  const {target, onProgress} = options
  const force = Boolean(options.force)
  const clock = new StageClock()
  const timed = clock.time.bind(clock)

  const sources = await timed('read', () => collectInputs(options.inputs))
  const context = await timed('context', () => readDatasetContext(target))
  let parsedCount = 0
  const collected = await collectDocuments(sources, {
    context,
    force,
    importedAt: (options.now ?? (() => new Date()))().toISOString(),
    clock,
    onArticle: () => onProgress?.({phase: 'parse', done: ++parsedCount}),
  })
  // A document equal to its stored version (a rerun) is not validated again. The plan decides what to
  // write under the lock, from a fresh read.
  const stored = await timed('compare', () => target.getDocuments(collected.planned.map((entry) => entry.document._id)))
  // Equal content, not the plan's outcome: a manifest entity that differs from the stored one is checked even
  // though `createIfNotExists` will not write it, so a broken manifest is still reported.
  const changed = new Set(
    collected.planned
      .filter(({document}) => !stored.has(document._id) || !sameContent(stored.get(document._id), document))
      .map(({document}) => document._id),
  )
  const validated = await timed('validate', () =>
    validateRun(collected.planned, context, {
      only: changed,
      force,
      drafts: collected.report.drafts,
      onProgress: (done, total) => onProgress?.({phase: 'validate', done, total}),
    }),
  )
  const written = await planAndWrite(collected.planned, target, {
    dryRun: Boolean(options.dryRun),
    clock,
    onProgress: (progress) => onProgress?.({phase: 'write', ...progress}),
  })

  const report = emptyReport(target.description, Boolean(options.dryRun), force)
  Object.assign(report, collected.report)
  report.warnings = [...collected.report.warnings, ...validated.warnings]
  report.forcedProblems = validated.forcedProblems
  report.written = written.written
  countOutcomes(report, written.outcomes)
  report.timings = clock.wall()
  report.cpuTimings = clock.cpu()
  return report
}
