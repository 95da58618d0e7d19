/**
 * A worker thread of the first open's parallel scan (`parallelScan.ts`): parses the blocks it is sent from the
 * dataset file (the process's own descriptor, so it reads the very file the main thread opened) and answers each
 * `keys` task with the block's hash and its lines' keys written as a key index segment (`segmentBuilder.ts`,
 * straight from the lines' bytes where the key scanner vouches for them), whose bytes are transferred,
 * not copied (a block whose keys the segment format cannot carry, a lone surrogate, is answered with the keys
 * themselves), and each `postings` task with the block's text postings (`postingsBlocks.ts`), also transferred.
 */
import {parentPort, workerData} from 'node:worker_threads'
import type {IndexedLine} from './keyIndexSegment'
import {DatasetLineError, scanBlock, scanBlockKeys, scanBlockRows} from './lineBlock'
import {blockPostings, postingsTransfer} from './postingsBlocks'
import type {ScanAnswer, ScanTask, ScanWorkerData} from './scanProtocol'
import {SegmentBuilder} from './segmentBuilder'

const {fd, size, blockBytes} = workerData as ScanWorkerData
const scratch = Buffer.allocUnsafe(Math.min(blockBytes, size) || 1)
/** The segment being built, kept across blocks (each segment's bytes are copied into a buffer of their own). */
const builder = new SegmentBuilder()

function answerFor({block, task}: ScanTask): ScanAnswer {
  const from = block * blockBytes
  const to = Math.min(size, from + blockBytes)
  if (task === 'postings') {
    const text = blockPostings()
    scanBlock(fd, size, from, to, (doc) => text.add(doc), scratch)
    return {block, postings: text.finish()}
  }
  const digest = scanBlockRows(fd, size, from, to, builder, scratch)
  const segment = builder.finish()
  if (segment) return {block, digest, segment}
  // A string the segment cannot carry (a lone surrogate): the block's keys as they are.
  const lines: IndexedLine[] = []
  scanBlockKeys(fd, size, from, to, (keys, start, end) => lines.push({keys, start, end}), scratch)
  return {block, digest, lines}
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
