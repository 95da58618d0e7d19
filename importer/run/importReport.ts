/**
 * The JSON report an import ends with: documents per type and outcome, and everything an editor should
 * look at afterwards (warnings, content dropped and why, drafts with the fields they still need,
 * validation problems that `--force` let through).
 */
import type {DroppedContent, Outcome} from '../types'
import type {WriteSummary} from '../write/importTarget'
import type {PlannedOutcome} from './planWrites'

export interface ImportReport {
  target: string
  dryRun: boolean
  forced: boolean
  files: string[]
  articles: number
  documents: Record<string, Record<Outcome, number>>
  totals: Record<Outcome, number>
  outcomes: PlannedOutcome[]
  warnings: string[]
  dropped: DroppedContent[]
  drafts: {id: string; file: string; missingFields: string[]}[]
  forcedProblems: {file: string; documentId: string; path: string; message: string}[]
  written: WriteSummary
  /** Milliseconds per stage of the pipeline (parse, link and assemble interleave per article). */
  timings?: StageTimings
  /** CPU milliseconds per stage, the whole process's (validation workers included). */
  cpuTimings?: StageTimings
}

export interface StageTimings {
  read: number
  context: number
  parse: number
  link: number
  assemble: number
  /** Reading the stored versions to skip validating unchanged documents. */
  compare: number
  validate: number
  plan: number
  write: number
}

export function emptyReport(target: string, dryRun: boolean, forced: boolean): ImportReport {
  return {
    target,
    dryRun,
    forced,
    files: [],
    articles: 0,
    documents: {},
    totals: {created: 0, updated: 0, unchanged: 0},
    outcomes: [],
    warnings: [],
    dropped: [],
    drafts: [],
    forcedProblems: [],
    written: {transactions: 0, mutations: 0, retries: 0},
  }
}

export function countOutcomes(report: ImportReport, outcomes: PlannedOutcome[]): void {
  report.outcomes = outcomes
  for (const {type, outcome} of outcomes) {
    report.documents[type] ??= {created: 0, updated: 0, unchanged: 0}
    report.documents[type][outcome] += 1
    report.totals[outcome] += 1
  }
}

/** One line per document for `--dry-run`, e.g. `would create  article.microsoft-claws-back-chinese-market`. */
export function describePlan(outcomes: PlannedOutcome[]): string[] {
  const verb = {created: 'would create ', updated: 'would update ', unchanged: 'unchanged    '}
  return outcomes.map((entry) => `${verb[entry.outcome]} ${entry.id} (${entry.operation})`)
}
