/**
 * The dataset on disk as one state: the NDJSON file plus its transaction log. Loading keeps the file open and each
 * document as a byte range of it (`datasetSource.ts`); the keys indexes need come from the key index file beside
 * it when that matches the file exactly (`keyIndexFile.ts`), else from one parse per line while the file is read
 * in blocks, on worker threads for a large file opened with `loadDatasetAsync` (`parallelScan.ts`), on this
 * thread otherwise (`datasetScan.ts`), and the index is written for the next open. Then the log's complete lines
 * are replayed. A file stamp (inode, size, times) tells a reader when another process compacted, so it reloads
 * instead of reading a log offset that no longer means anything.
 * Here: the two loads (this thread, or worker threads with the indexes written after the open returned). Opening the
 * file and making the views: `datasetOpen.ts`; writing a new data file (compaction, the close fold):
 * `datasetRewrite.ts`; stamps: `fileStamp.ts`.
 */
import {availableParallelism} from 'node:os'
import {scanDataset, type ScanResult} from './datasetScan'
import {finish, identityOf, openDataFile, PARALLEL_SCAN_MIN_BYTES, scanRequest, writeIndexes, type LoadedDataset, type LoadOptions, type OpenedFile} from './datasetOpen'
import {sameStamp, stampOf} from './fileStamp'
import {writeKeyIndexLater} from './keyIndexFile'
import {scanDatasetInWorkers, type ParallelScan} from './parallelScan'
import {attachTextPostings} from './textPostings'

// What the lake and tests import from here, now in the files split by concern.
export {frozen, KEY_INDEX_MIN_BYTES, PARALLEL_SCAN_MIN_BYTES, type KeySource, type LoadedDataset, type LoadOptions} from './datasetOpen'
export {contentHashOfFile, rewriteDataset} from './datasetRewrite'
export {logSize, sameStamp, stampOf, type FileStamp} from './fileStamp'

/** Reads file and log on this thread; throws (naming file and line) before anything is replaced if either is malformed. */
export function loadDataset(file: string, logFile: string, options: LoadOptions = {}): LoadedDataset {
  const opened = openDataFile(file, options)
  try {
    if (opened.indexed) {
      attachTextPostings(file, opened.source, opened.identity!, opened.indexed)
      return finish(opened, opened.indexed, logFile, 'index', 1)
    }
    const scan = scanDataset(scanRequest(opened, options))
    if (opened.useIndex) writeIndexes(file, opened, scan)
    return finish(opened, scan.documents, logFile, 'scan', 1)
  } catch (error) {
    opened.source.close()
    throw error
  }
}

/**
 * The same for an open that may wait: a large file without a trusted index is scanned on worker threads, which
 * then build the text postings after the open returned (`textPostingsBuilt`; until they are attached, a search
 * builds them on its own as after any load without them).
 */
export async function loadDatasetAsync(file: string, logFile: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  const opened = openDataFile(file, options)
  try {
    if (opened.indexed) {
      attachTextPostings(file, opened.source, opened.identity!, opened.indexed)
      return finish(opened, opened.indexed, logFile, 'index', 1)
    }
    const request = scanRequest(opened, options)
    const workers = options.scanWorkers ?? Math.min(4, availableParallelism())
    const parallel =
      opened.stamp.size >= (options.parallelScanMinBytes ?? PARALLEL_SCAN_MIN_BYTES) && workers > 0 ? await scanDatasetInWorkers({...request, workers}) : undefined
    const scan = parallel?.result ?? scanDataset(request)
    if (opened.useIndex && !parallel) writeIndexes(file, opened, scan)
    let loaded: LoadedDataset
    try {
      loaded = finish(opened, scan.documents, logFile, 'scan', parallel ? workers : 1)
    } catch (error) {
      await parallel?.release()
      throw error
    }
    if (parallel) loaded.textPostingsBuilt = opened.useIndex ? indexesLater(file, opened, scan, parallel) : parallel.release()
    return loaded
  } catch (error) {
    opened.source.close()
    throw error
  }
}

/**
 * After a parallel scan, once the open returned: the key index is written (`writeKeyIndexLater`) while the
 * workers build the text postings, both only while the data file is still the one loaded. Close and compact wait
 * for it (`LocalLake`'s background work), so a lake closed right after its open still leaves a complete index.
 */
function indexesLater(file: string, opened: OpenedFile, scan: ScanResult, parallel: ParallelScan): Promise<void> {
  const identity = identityOf(opened, scan)
  const current = () => sameStamp(stampOf(file), opened.stamp)
  // Without the postings for now: a search meanwhile builds its own, as after any load without them.
  attachTextPostings(file, opened.source, identity, scan.documents)
  const index = writeKeyIndexLater(opened.indexFile, identity, scan.segments, current)
  return Promise.all([index, postingsLater(file, opened, scan, parallel)]).then(() => undefined)
}

/** Attaches (and writes) the postings the workers build after the open, if the data file is still the one loaded. */
async function postingsLater(file: string, opened: OpenedFile, scan: ScanResult, parallel: ParallelScan): Promise<void> {
  try {
    const postings = await parallel.textPostings()
    if (postings && !opened.source.closed && sameStamp(stampOf(file), opened.stamp)) {
      attachTextPostings(file, opened.source, identityOf(opened, scan), scan.documents, postings)
    }
  } catch {
    // The file is gone or changed, or the postings could not be written: a search builds them when it needs them.
  }
}
