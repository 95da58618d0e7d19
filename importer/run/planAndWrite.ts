/**
 * Plan and write, inside the target's import lock: read the stored versions of the run's documents,
 * decide created / updated / unchanged, and write only what changed (nothing on `--dry-run`). Because
 * the read happens under the lock, the outcomes describe what this run actually did, even when another
 * import of the same documents ran at the same moment.
 */
import type {PlannedDocument} from '../types'
import type {ImportTarget, WriteProgress, WriteSummary} from '../write/importTarget'
import {type PlannedOutcome, planWrites} from './planWrites'
import type {StageClock} from './stageClock'

export interface WriteReport {
  outcomes: PlannedOutcome[]
  written: WriteSummary
}

export async function planAndWrite(
  planned: PlannedDocument[],
  target: ImportTarget,
  options: {dryRun: boolean; clock: StageClock; onProgress?: (progress: WriteProgress) => void},
): Promise<WriteReport> {
  return target.exclusive(async () => {
    const {clock} = options
    const started = clock.start()
    const existing = await target.getDocuments(planned.map((entry) => entry.document._id))
    const {outcomes, mutations} = planWrites(planned, existing)
    const plannedAt = clock.stop('plan', started)
    const written = !options.dryRun && mutations.length > 0
      ? await target.write(mutations, options.onProgress)
      : {transactions: 0, mutations: 0, retries: 0}
    clock.stop('write', plannedAt)
    return {outcomes, written}
  })
}
