/**
 * A first open's scan on worker threads: the file's blocks (`lineBlock.ts`) are handed out in order, two in flight
 * per worker, and each answer (the block's hash and its lines' keys as a key index segment, `lineScanWorker.ts`)
 * is decoded into documents on the main thread while the workers parse the next blocks. The result is exactly
 * `scanDataset`'s: the same documents in the same order, the same segments and content hash, and the same error
 * for the first bad line. Undefined when workers cannot be used here or one fails for any other reason: the
 * caller then scans on its own thread (which reports a real I/O problem itself).
 *
 * The text postings of the persisted search fields (`textPostings.ts`) cost several times the keys (tokenising
 * every word of every body), so the open does not wait for them: `textPostings()` runs a second pass on the same
 * workers after the open returned, and the workers end with it (or with `release()`).
 */
import {Worker} from 'node:worker_threads'
import {blockCount, treeHashOf} from './blockHash'
import {scanError, type ScanRequest, type ScanResult} from './datasetScan'
import {readSegmentRows, type EncodedSegment} from './keyIndexSegment'
import {DatasetLineError} from './lineBlock'
import {joinPostingBlocks} from './postingsBlocks'
import type {PostingsData} from './postingsData'
import type {ScanAnswer, ScanTask, ScanWorkerData} from './scanProtocol'
import {scanWorkerFile} from './scanWorkerFile'
import {StoredDocument} from './storedDocument'

export interface ParallelScan {
  result: ScanResult
  /** The postings of the persisted text fields (one more parse of every line); ends the workers. Never rejects. */
  textPostings(): Promise<PostingsData | undefined>
  /** Ends the workers without postings. */
  release(): Promise<void>
}

export async function scanDatasetInWorkers(request: ScanRequest & {workers: number}): Promise<ParallelScan | undefined> {
  const {fd, size, source, blockBytes, encode} = request
  const file = await scanWorkerFile()
  if (!file) return undefined
  const blocks = blockCount(size, blockBytes)
  const documents: StoredDocument[][] = new Array(blocks)
  const digests: Uint8Array[] = new Array(blocks)
  let segments: EncodedSegment[] | undefined = encode ? new Array(blocks) : undefined
  let lineError: DatasetLineError | undefined
  const pool = new ScanPool(file, {fd, size, blockBytes}, Math.max(1, Math.min(request.workers, blocks)), blocks)

  const take = (answer: ScanAnswer): void => {
    if ('failure' in answer) throw new Error(answer.failure)
    if ('lineError' in answer) {
      // Blocks are handed out in order: every block before this one is already out, none after it goes out now.
      const {offset, problem} = answer.lineError
      if (!lineError || offset < lineError.offset) lineError = new DatasetLineError(offset, problem)
      pool.stopHandingOut()
      return
    }
    if (!('digest' in answer)) throw new Error('a scan worker answered the wrong task')
    const docs: StoredDocument[] = []
    digests[answer.block] = answer.digest
    if ('segment' in answer) {
      const {body, shape} = answer.segment
      const fromRow = (id: string, rows: Parameters<typeof StoredDocument.fromRow>[1], row: number, separator: boolean, start: number, end: number) =>
        docs.push(StoredDocument.fromRow(id, rows, row, separator, source, start, end))
      if (readSegmentRows(body, shape, 0, size, fromRow) < 0) {
        throw new Error('a scan worker sent an inconsistent segment')
      }
      if (segments) segments[answer.block] = answer.segment
    } else {
      for (const {keys, start, end} of answer.lines) docs.push(StoredDocument.fromKeys(keys, source, start, end))
      segments = undefined
    }
    documents[answer.block] = docs
  }

  if (!(await pool.pass('keys', take)) || lineError) {
    await pool.release()
    if (lineError) throw scanError(lineError, fd, source.where)
    return undefined
  }
  return {
    result: {documents: documents.flat(), sha256: treeHashOf(digests), blockBytes, segments},
    textPostings: async () => {
      const postings: PostingsData[] = new Array(blocks)
      const done = await pool.pass('postings', (answer) => {
        if (!('postings' in answer)) throw new Error('a scan worker could not tokenise a block')
        postings[answer.block] = answer.postings
      })
      await pool.release()
      return done ? joinPostingBlocks(postings) : undefined
    },
    release: () => pool.release(),
  }
}

/** A worker's young generation: V8 makes it three semi-spaces, so 96 MB gives 32 MB semi-spaces. */
const YOUNG_GENERATION_MB = 96

/** The scan's worker threads and the blocks they still have to do in the current pass. */
class ScanPool {
  private readonly threads: Worker[]
  private next = 0

  constructor(
    file: string,
    workerData: ScanWorkerData,
    count: number,
    private readonly blocks: number,
  ) {
    // A block's keys live until its segment is encoded, so each scavenge of the default young generation (16 MB
    // semi-spaces) copied them again: 32 MB semi-spaces halved the workers' GC time (100k articles, one thread:
    // ~1.0 → ~0.5 s); larger ones gained nothing more.
    this.threads = Array.from({length: count}, () => new Worker(file, {workerData, execArgv: [], resourceLimits: {maxYoungGenerationSizeMb: YOUNG_GENERATION_MB}}))
  }

  stopHandingOut(): void {
    this.next = this.blocks
  }

  /** Runs `task` over every block; false when a worker failed (the caller falls back or gives up). */
  async pass(task: ScanTask['task'], take: (answer: ScanAnswer) => void): Promise<boolean> {
    this.next = 0
    const nextBlock = () => (this.next < this.blocks ? this.next++ : undefined)
    try {
      await Promise.all(this.threads.map((worker) => feed(worker, task, nextBlock, take)))
      return true
    } catch {
      return false
    }
  }

  async release(): Promise<void> {
    await Promise.all(this.threads.map((worker) => worker.terminate()))
  }
}

/** Feeds one worker blocks (two in flight, so it never idles while the main thread decodes) until none are left. */
function feed(worker: Worker, task: ScanTask['task'], nextBlock: () => number | undefined, take: (answer: ScanAnswer) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let inFlight = 0
    const more = () => {
      for (let block: number | undefined; inFlight < 2 && (block = nextBlock()) !== undefined; inFlight++) worker.postMessage({block, task} satisfies ScanTask)
      if (inFlight === 0) finish(resolve)
    }
    const onMessage = (answer: ScanAnswer) => {
      inFlight--
      try {
        take(answer)
      } catch (error) {
        return finish(() => reject(error))
      }
      more()
    }
    const onError = (error: Error) => finish(() => reject(error))
    const onExit = (code: number) => finish(() => reject(new Error(`a scan worker stopped (exit code ${code})`)))
    // Listeners of one pass only: the next pass on the same workers adds its own.
    const finish = (settle: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit)
      settle()
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit)
    more()
  })
}
