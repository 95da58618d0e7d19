/**
 * A first open's scan on worker threads: the file's blocks (`lineBlock.ts`) are handed out in order, two in flight
 * per worker, and each answer (the block's hash and its lines' keys as a key index segment, `lineScanWorker.ts`)
 * is decoded into documents on the main thread while the workers parse the next blocks. The result is exactly
 * `scanDataset`'s: the same documents in the same order, the same segments and content hash, and the same error
 * for the first bad line. Undefined when workers cannot be used here or one fails for any other reason: the
 * caller then scans on its own thread (which reports a real I/O problem itself).
 */
import {Worker} from 'node:worker_threads'
import {blockCount, treeHashOf} from './blockHash'
import {scanError, type ScanRequest, type ScanResult} from './datasetScan'
import {decodeSegment, type EncodedSegment} from './keyIndexSegment'
import {DatasetLineError} from './lineBlock'
import {joinPostingBlocks} from './postingsBlocks'
import type {PostingsData} from './postingsData'
import type {ScanAnswer, ScanWorkerData} from './scanProtocol'
import {scanWorkerFile} from './scanWorkerFile'
import {StoredDocument} from './storedDocument'

/**
 * Young generation per worker: parsing throws away ~3 KB of objects per line, and a larger nursery means fewer
 * scavenges for the same garbage (measured on the 100k bench: see lake/README.md).
 */
const YOUNG_GENERATION_MB = 48

export async function scanDatasetInWorkers(request: ScanRequest & {workers: number}): Promise<ScanResult | undefined> {
  const {fd, size, source, blockBytes, encode} = request
  const file = await scanWorkerFile()
  if (!file) return undefined
  const blocks = blockCount(size, blockBytes)
  const documents: StoredDocument[][] = new Array(blocks)
  const digests: Uint8Array[] = new Array(blocks)
  let segments: EncodedSegment[] | undefined = encode ? new Array(blocks) : undefined
  const textBlocks: PostingsData[] = new Array(blocks)
  let lineError: DatasetLineError | undefined
  let next = 0

  const take = (answer: ScanAnswer): void => {
    if ('failure' in answer) throw new Error(answer.failure)
    if ('lineError' in answer) {
      // Blocks are handed out in order: every block before this one is already out, none after it goes out now.
      const {offset, problem} = answer.lineError
      if (!lineError || offset < lineError.offset) lineError = new DatasetLineError(offset, problem)
      next = blocks
      return
    }
    const docs: StoredDocument[] = []
    digests[answer.block] = answer.digest
    textBlocks[answer.block] = answer.postings
    if ('segment' in answer) {
      const {body, shape} = answer.segment
      if (decodeSegment(body, shape, 0, size, (keys, start, end) => docs.push(StoredDocument.fromKeys(keys, source, start, end))) < 0) {
        throw new Error('a scan worker sent an inconsistent segment')
      }
      if (segments) segments[answer.block] = answer.segment
    } else {
      for (const {keys, start, end} of answer.lines) docs.push(StoredDocument.fromKeys(keys, source, start, end))
      segments = undefined
    }
    documents[answer.block] = docs
  }

  const workerData: ScanWorkerData = {fd, size, blockBytes}
  const threads = Array.from(
    {length: Math.max(1, Math.min(request.workers, blocks))},
    () => new Worker(file, {workerData, execArgv: [], resourceLimits: {maxYoungGenerationSizeMb: YOUNG_GENERATION_MB}}),
  )
  try {
    await Promise.all(threads.map((worker) => runWorker(worker, () => (next < blocks ? next++ : undefined), take)))
  } catch {
    return undefined
  } finally {
    for (const worker of threads) void worker.terminate()
  }
  if (lineError) throw scanError(lineError, fd, source.where)
  return {documents: documents.flat(), sha256: treeHashOf(digests), blockBytes, segments, textPostings: encode ? joinPostingBlocks(textBlocks) : undefined}
}

/** Feeds one worker blocks (two in flight, so it never idles while the main thread decodes) until none are left. */
function runWorker(worker: Worker, nextBlock: () => number | undefined, take: (answer: ScanAnswer) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let inFlight = 0
    const feed = () => {
      for (let block: number | undefined; inFlight < 2 && (block = nextBlock()) !== undefined; inFlight++) worker.postMessage({block})
      if (inFlight === 0) resolve()
    }
    worker.on('message', (answer: ScanAnswer) => {
      inFlight--
      try {
        take(answer)
      } catch (error) {
        return reject(error)
      }
      feed()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`a scan worker stopped (exit code ${code})`)))
    feed()
  })
}
