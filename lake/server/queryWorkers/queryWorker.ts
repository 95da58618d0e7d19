/**
 * A query worker: its own read-only `LocalLake` on the stand-in's dataset file, which catches up on the log lines
 * other writers (the stand-in's own lake, an import) appended before every query, so it answers exactly like the
 * in-process path (same perspectives, same query engine). It never writes and is never closed: the stand-in ends
 * it with `terminate()`, which is also how a query past its time limit is stopped.
 */
import {parentPort, workerData} from 'node:worker_threads'

import {LocalLake} from '../../LocalLake'
import {selectDocuments} from '../../query/queryMutations'
import type {WorkerData, WorkerReply, WorkerRequest} from './protocol'
import {describeQueryError} from './queryRunner'

const port = parentPort!
const reply = (message: WorkerReply) => port.postMessage(message)

async function main(): Promise<void> {
  const {datasetFile} = workerData as WorkerData
  let lake: LocalLake
  try {
    lake = await LocalLake.open(datasetFile)
  } catch (error) {
    return reply({type: 'failed', error: describeQueryError(error)})
  }
  port.on('message', async (request: WorkerRequest) => {
    try {
      if (request.kind === 'query') {
        const {query, params, perspective} = request.job
        const result = await lake.fetch(query, params, {perspective})
        reply({type: 'result', id: request.id, json: JSON.stringify(result ?? null)})
      } else {
        const documents = await selectDocuments(request.job, lake.allDocuments())
        reply({type: 'selected', id: request.id, documents})
      }
    } catch (error) {
      reply({type: 'error', id: request.id, error: describeQueryError(error)})
    }
  })
  reply({type: 'ready'})
}

void main()
