/**
 * Splits mutations into transactions whose request body (`{"mutations":[...],"transactionId":"..."}`)
 * stays under a byte budget: 256 KB by default, far below the API's 4 MB hard limit, so one slow or
 * retried request never carries much. Order is kept; a single mutation over the budget travels alone.
 */
import {contentHash} from '../assemble/deterministicKey'
import type {Mutation} from '../../lake'

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024
export const HARD_MAX_BODY_BYTES = 4 * 1024 * 1024

export interface MutationBatch {
  transactionId: string
  mutations: Mutation[]
  /** Exact size of the JSON body this batch is sent as. */
  bytes: number
}

// `{"mutations":[` + `],"transactionId":"import-<40 hex>"}`
const ENVELOPE_BYTES = '{"mutations":[],"transactionId":""}'.length + 'import-'.length + 40

export function batchBySize(mutations: Mutation[], maxBodyBytes = DEFAULT_MAX_BODY_BYTES): MutationBatch[] {
  const batches: MutationBatch[] = []
  let current: Mutation[] = []
  let currentBytes = ENVELOPE_BYTES
  const flush = () => {
    if (current.length === 0) return
    // Derived from content, so a resumed run sends the very same transaction for the very same batch.
    const transactionId = `import-${contentHash(current)}`
    const bytes = Buffer.byteLength(JSON.stringify({mutations: current, transactionId}))
    batches.push({transactionId, mutations: current, bytes})
    current = []
    currentBytes = ENVELOPE_BYTES
  }
  for (const mutation of mutations) {
    const size = Buffer.byteLength(JSON.stringify(mutation)) + 1
    if (size + ENVELOPE_BYTES > HARD_MAX_BODY_BYTES) {
      const id = Object.values(mutation)[0]?._id ?? Object.values(mutation)[0]?.id
      throw new Error(`${id}: the document is ${Math.round(size / 1024)} KB, over the Content Lake's 4 MB request limit; split its body or move media to assets`)
    }
    if (current.length > 0 && currentBytes + size > maxBodyBytes) flush()
    current.push(mutation)
    currentBytes += size
  }
  flush()
  return batches
}
