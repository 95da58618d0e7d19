/**
 * Plan and write, inside the target's import lock: read the stored versions of the run's documents,
 * decide created / updated / unchanged, and write only what changed (nothing on `--dry-run`). Because
 * the read happens under the lock, the outcomes describe what this run actually did, even when another
 * import of the same documents ran at the same moment.
 */
import type {PlannedDocument} from '../types'
import type {ImportTarget, WriteProgress, WriteSummary} from '../write/importTarget'
import {type PlannedOutcome, planWrites} from './planWrites'

export interface WriteReport {
  outcomes: PlannedOutcome[]
  written: WriteSummary
  timings: {plan: number; write: number}
}

export async function planAndWrite(
  planned: PlannedDocument[],
  target: ImportTarget,
  options: {dryRun: boolean; onProgress?: (progress: WriteProgress) => void},
): Promise<WriteReport> {
  return target.exclusive(async () => {
    const started = performance.now()
    const existing = await target.getDocuments(planned.map((entry) => entry.document._id))
    const {outcomes, mutations} = planWrites(planned, existing)
    const plannedAt = performance.now()
    const written = !options.dryRun && mutations.length > 0
      ? await target.write(mutations, options.onProgress)
      : {transactions: 0, mutations: 0, retries: 0}
    return {outcomes, written, timings: {plan: Math.round(plannedAt - started), write: Math.round(performance.now() - plannedAt)}}
  })
}
