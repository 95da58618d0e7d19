/**
 * A worker thread of the first open's parallel scan (`parallelScan.ts`): parses the blocks it is sent from the
 * dataset file (the process's own descriptor, so it reads the very file the main thread opened) and answers each
 * `keys` task with the block's hash and its lines' keys encoded as a key index segment, whose bytes are transferred,
 * not copied (a block whose keys the segment format cannot carry, a lone surrogate, is answered with the keys
 * themselves), and each `postings` task with the block's text postings (`postingsBlocks.ts`), also transferred.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {encodeSegment, IntList, type IndexedLine} from './keyIndexSegment'
import {DatasetLineError, scanBlock, scanBlockKeys} from './lineBlock'
import {blockPostings, postingsTransfer} from './postingsBlocks'
import type {ScanAnswer, ScanTask, ScanWorkerData} from './scanProtocol'

const {fd, size, blockBytes} = workerData as ScanWorkerData
const scratch = Buffer.allocUnsafe(Math.min(blockBytes, size) || 1)
/** The segment rows' scratch list, kept across blocks (its body is copied into each segment's own buffer). */
const segmentInts = new IntList()

function answerFor({block, task}: ScanTask): ScanAnswer {
  const from = block * blockBytes
  const to = Math.min(size, from + blockBytes)
  if (task === 'postings') {
    const text = blockPostings()
    scanBlock(fd, size, from, to, (doc) => text.add(doc), scratch)
    return {block, postings: text.finish()}
  }
  const lines: IndexedLine[] = []
  // Keys not interned: the segment's string table shares repeated strings already.
  const digest = scanBlockKeys(fd, size, from, to, (keys, start, end) => lines.push({keys, start, end}), scratch)
  const segment = encodeSegment(lines, from, segmentInts)
  return segment ? {block, digest, segment} : {block, digest, lines}
}

parentPort!.on('message', (task: ScanTask) => {
  let answer: ScanAnswer
  try {
    answer = answerFor(task)
  } catch (error) {
    answer = error instanceof DatasetLineError ? {block: task.block, lineError: {offset: error.offset, problem: error.problem}} : {block: task.block, failure: (error as Error).message}
  }
  const transfer = 'segment' in answer ? [answer.segment.body.buffer as ArrayBuffer] : 'postings' in answer ? postingsTransfer(answer.postings) : []
  parentPort!.postMessage(answer, transfer)
})
