/**
 * A worker thread of the first open's parallel scan (`parallelScan.ts`): parses the blocks it is sent from the
 * dataset file (the process's own descriptor, so it reads the very file the main thread opened) and answers each
 * with the block's hash and its lines' keys encoded as a key index segment, whose bytes are transferred, not copied.
 * A block whose keys the segment format cannot carry (a lone surrogate) is answered with the keys themselves.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {encodeSegment, type IndexedLine} from './keyIndexSegment'
import {DatasetLineError, scanBlock} from './lineBlock'
import {blockPostings, postingsTransfer} from './postingsBlocks'
import {keysOfDocument} from './storedDocument'
import type {ScanAnswer, ScanWorkerData} from './scanProtocol'

const {fd, size, blockBytes} = workerData as ScanWorkerData
const scratch = Buffer.allocUnsafe(Math.min(blockBytes, size) || 1)

parentPort!.on('message', ({block}: {block: number}) => {
  const from = block * blockBytes
  const lines: IndexedLine[] = []
  // The persisted text fields are tokenised here too, while the document is in hand (`textPostings.ts`).
  const text = blockPostings()
  let answer: ScanAnswer
  try {
    const onLine = (doc: Parameters<typeof keysOfDocument>[0], start: number, end: number) => {
      lines.push({keys: keysOfDocument(doc), start, end})
      text.add(doc)
    }
    const digest = scanBlock(fd, size, from, Math.min(size, from + blockBytes), onLine, scratch)
    const segment = encodeSegment(lines, from)
    const postings = text.finish()
    answer = segment ? {block, digest, segment, postings} : {block, digest, lines, postings}
  } catch (error) {
    answer = error instanceof DatasetLineError ? {block, lineError: {offset: error.offset, problem: error.problem}} : {block, failure: (error as Error).message}
  }
  const transfer = 'segment' in answer ? [answer.segment.body.buffer as ArrayBuffer] : []
  if ('postings' in answer) transfer.push(...postingsTransfer(answer.postings))
  parentPort!.postMessage(answer, transfer)
})
