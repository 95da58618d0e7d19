/**
 * The embedded local Content Lake: an NDJSON dataset file (`sanity dataset export` format) plus an append-only
 * transaction log beside it, loaded into indexed perspective views and queried with groq-js. `fetch` has the
 * signature of `@sanity/client`'s, so the same query runner works against either.
 *
 * Several processes may share one file: writers take `<file>.lock`, and every read or write first catches up
 * on log lines (or a compaction) other processes committed. Returned documents are frozen: copy before changing.
 */
import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import {frozen, loadDataset, loadDatasetAsync, logSize, rewriteDataset, sameStamp, stampOf, type FileStamp, type KeySource, type LoadedDataset} from './store/datasetFiles'
import type {DatasetSource} from './store/datasetSource'
import {watchDataset} from './store/datasetWatcher'
import {acquireFileLock} from './store/fileLock'
import {displayPath} from './store/ndjsonFile'
import {PerspectiveViews} from './store/perspectiveViews'
import {assertParametersProvided} from './query/parameters'
import {QueryEngine} from './query/queryEngine'
import {planTransaction, randomId, type DocumentChange} from './store/transaction'
import {appendLogEntry, readLogFrom, truncateLog, type LogEntry} from './store/transactionLog'
import {
  DEFAULT_DATASET_FILE,
  type Doc,
  type FetchOptions,
  type LakeMutationEvent,
  type MutateOptions,
  type Mutation,
  type OpenOptions,
  type Perspective,
  type TransactionResult,
} from './types'

const MIN_COMPACT_BYTES = 4 << 20
/** Queries that may read text postings (`match`, Sanity 6's `text::query`); a false positive only waits. */
const TEXT_SEARCH = /\bmatch\b|text::query/

/** Close does not wait long for a busy lock: the log already holds every write, the next closing writer folds it. */
const CLOSE_LOCK_TIMEOUT_MS = 2_000

export class LocalLake {
  readonly file: string
  readonly logFile: string
  private readonly lockFile: string
  private views = new PerspectiveViews()
  private fileStamp: FileStamp | undefined
  /** The open data file documents are read from (older ones are closed once no view uses them). */
  private source: DatasetSource | undefined
  /** Where the last load took the index keys from (the key index file or a scan of every line). */
  private keysFrom: KeySource = 'scan'
  private scanThreads = 1
  /** Work a load left running (the text postings pass of a first open), until it ends: close waits for it. */
  private readonly backgroundWork: Promise<void>[] = []
  private logOffset = 0
  private readonly listeners = new Set<(event: LakeMutationEvent) => void>()
  private readonly engine = new QueryEngine()
  private writeQueue: Promise<unknown> = Promise.resolve()
  private closed = false
  /** Set by the first commit: only a writer folds the log on close, so read-only commands never rewrite the file. */
  private wrote = false
  private readonly writerToken = randomId()

  private constructor(
    file: string,
    private readonly options: OpenOptions,
  ) {
    this.file = file
    this.logFile = `${file}.txlog`
    this.lockFile = `${file}.lock`
  }

  /** Opens (and loads) a dataset file; a malformed line fails with file and line number, leaving the file as is. */
  static async open(file: string = DEFAULT_DATASET_FILE, options: OpenOptions = {}): Promise<LocalLake> {
    const absolute = resolve(file)
    if (!existsSync(absolute)) {
      if (!options.createIfMissing) {
        throw new Error(
          `${displayPath(absolute)}: dataset file not found. Import content first (npm run import) or open it with {createIfMissing: true}.`,
        )
      }
      mkdirSync(dirname(absolute), {recursive: true})
      writeFileSync(absolute, '', {flag: 'a'})
    }
    const lake = new LocalLake(absolute, options)
    // A first open of a large file parses it on worker threads; reloads after another process compacted find
    // the index that process wrote, and stay synchronous.
    lake.adopt(await loadDatasetAsync(absolute, lake.logFile, options))
    return lake
  }

  async fetch<R = unknown>(query: string, params: Record<string, unknown> = {}, options: FetchOptions = {}): Promise<R> {
    // As the Content Lake: a referenced `$param` that was not provided is an error, not null.
    assertParametersProvided(query, params)
    // A search right after a first open: the workers are building the text postings; waiting for them takes a
    // fraction of what building them here would (parsing every line on this thread).
    if (this.backgroundWork.length > 0 && TEXT_SEARCH.test(query)) await Promise.all(this.backgroundWork)
    this.catchUp()
    const view = this.views.view(options.perspective ?? 'published')
    return (await this.engine.run(view, query, params)) as R
  }

  /** A document by its exact id (raw: `drafts.x` is a different document from `x`). */
  async getDocument(id: string): Promise<Doc | undefined> {
    this.catchUp()
    return this.views.raw.get(id)
  }

  async getDocuments(ids: string[]): Promise<(Doc | null)[]> {
    this.catchUp()
    return ids.map((id) => this.views.raw.get(id) ?? null)
  }

  /** Every stored document (raw perspective), in dataset order. Parses every document: prefer queries. */
  allDocuments(): Doc[] {
    this.catchUp()
    return this.views.raw.documents()
  }

  /** How many documents a perspective shows, without reading them. */
  documentCount(perspective: Perspective = 'raw'): number {
    this.catchUp()
    return this.views.view(perspective).size
  }

  /** Whether the last (re)load read the key index file beside the dataset or had to parse every line. */
  get loadedKeysFrom(): KeySource {
    return this.keysFrom
  }

  /** How many threads parsed the file in the last (re)load (1 when the keys came from the index). */
  get loadedScanThreads(): number {
    return this.scanThreads
  }

  /**
   * Picks up transactions other processes committed (log lines or a compaction) and tells listeners about them.
   * Reads and writes do this anyway; a process that only listens (the Studio stand-in) calls it to stay live.
   */
  refresh(): void {
    this.catchUp()
  }

  /** Applies mutations as one all-or-nothing transaction, durable once the promise resolves. */
  mutate(mutations: Mutation[], options: MutateOptions = {}): Promise<TransactionResult> {
    this.assertOpen()
    if (options.dryRun) {
      this.catchUp()
      const transactionId = options.transactionId ?? randomId()
      const planned = planTransaction(mutations, (id) => this.views.raw.get(id), {transactionId, timestamp: new Date().toISOString()})
      return Promise.resolve({transactionId, results: planned.results, documentIds: [...planned.changes.keys()]})
    }
    return this.serialized(() => this.commit(mutations, options.transactionId ?? randomId()))
  }

  /** Calls `listener` once per document per committed transaction, including transactions of other processes. */
  listen(listener: (event: LakeMutationEvent) => void): () => void {
    this.listeners.add(listener)
    // While anyone listens, other processes' commits are picked up as they land, not at this process's next read.
    this.stopWatching ??= watchDataset(this.file, this.logFile, () => {
      if (this.closed) return
      try {
        this.catchUp()
      } catch {
        // A file caught mid-compaction: the next change or read catches up.
      }
    })
    return () => {
      this.listeners.delete(listener)
      if (this.listeners.size === 0) this.unwatch()
    }
  }

  private stopWatching: (() => void) | undefined
  private unwatch(): void {
    this.stopWatching?.()
    this.stopWatching = undefined
  }


  /** Folds the transaction log into the NDJSON file atomically (temp file, fsync, rename), then empties the log. */
  compact(): Promise<void> {
    this.assertOpen()
    return this.serialized(async () => {
      await Promise.all(this.backgroundWork)
      const release = await acquireFileLock(this.lockFile, this.writerToken)
      try {
        this.catchUp()
        this.compactLocked()
      } finally {
        release()
      }
    })
  }

  /**
   * Waits for pending writes, then, if this instance wrote anything, folds the log into the NDJSON file so the
   * file alone is the dataset (what `sanity dataset import` and anyone reading it expect). The log is a write-ahead
   * log: when the lock is busy (another writer is mid-transaction) or the fold fails, the log keeps every write.
   */
  async close(): Promise<void> {
    if (this.closed) return
    await this.writeQueue.catch(() => undefined)
    // Before the fold: compaction carries the postings over, and should not build them a second time meanwhile.
    await Promise.all(this.backgroundWork)
    if (this.wrote) await this.foldLogOnClose()
    this.closed = true
    this.source?.close()
    this.unwatch()
    this.listeners.clear()
  }

  private async foldLogOnClose(): Promise<void> {
    try {
      const release = await acquireFileLock(this.lockFile, this.writerToken, CLOSE_LOCK_TIMEOUT_MS)
      try {
        this.catchUp()
        if (logSize(this.logFile) > 0) this.compactLocked()
      } finally {
        release()
      }
    } catch (error) {
      console.warn(`${displayPath(this.file)}: left the transaction log unfolded (${(error as Error).message})`)
    }
  }

  private async commit(mutations: Mutation[], transactionId: string): Promise<TransactionResult> {
    const release = await acquireFileLock(this.lockFile, this.writerToken)
    try {
      this.catchUp()
      const timestamp = new Date().toISOString()
      const planned = planTransaction(mutations, (id) => this.views.raw.get(id), {transactionId, timestamp})
      const documentIds = [...planned.changes.keys()]
      if (documentIds.length > 0) {
        const entry: LogEntry = {t: transactionId, ts: timestamp, docs: documentIds.map((id) => ({id, doc: planned.changes.get(id)!.result}))}
        this.logOffset = appendLogEntry(this.logFile, this.logOffset, entry)
        this.wrote = true
        this.applyChanges(transactionId, timestamp, planned.changes)
        if (this.logOffset > this.compactThreshold()) this.compactLocked()
      }
      return {transactionId, results: planned.results, documentIds}
    } finally {
      release()
    }
  }

  private compactThreshold(): number {
    return this.options.compactThresholdBytes ?? Math.max(MIN_COMPACT_BYTES, (this.fileStamp?.size ?? 0) / 2)
  }

  private compactLocked(): void {
    // Lines of unchanged documents are copied from the loaded file as they are: compaction parses nothing. The
    // documents then read from the new file, and its key index is written, so the next open scans nothing.
    const {stamp, source} = rewriteDataset(this.file, Array.from(this.views.raw.entries(), (entry) => entry.stored), this.options)
    this.source = source
    // The new file holds every logged transaction, so the log can go; a crash before this line replays harmlessly.
    truncateLog(this.logFile)
    this.logOffset = 0
    this.fileStamp = stamp
  }

  private applyChanges(transactionId: string, timestamp: string, changes: Map<string, DocumentChange>): void {
    for (const [id, change] of changes) this.views.put(id, change.result)
    this.emit(transactionId, timestamp, changes)
  }

  private emit(transactionId: string, timestamp: string, changes: Map<string, DocumentChange>): void {
    if (this.listeners.size === 0) return
    for (const [documentId, {previous, result}] of changes) {
      const event: LakeMutationEvent = {
        transactionId,
        documentId,
        previous,
        result,
        previousRev: previous?._rev,
        resultRev: result?._rev,
        timestamp,
        transition: !previous ? 'appear' : !result ? 'disappear' : 'update',
      }
      for (const listener of this.listeners) {
        try {
          listener(event)
        } catch (error) {
          console.error(`LocalLake listener failed on ${documentId}:`, error)
        }
      }
    }
  }

  /** Loads the file and replays the whole log; the views are swapped only after both succeeded. */
  private reload(): void {
    this.adopt(loadDataset(this.file, this.logFile, this.options))
  }

  private adopt(loaded: LoadedDataset): void {
    const before = this.views.raw
    // The previous source is not closed here: in-flight queries and the change announcement below still read it.
    this.source = loaded.source
    this.keysFrom = loaded.keysFrom
    this.scanThreads = loaded.scanThreads
    const work = loaded.textPostingsBuilt
    if (work) {
      // Kept only while it runs, so a search checks for pending work and not for every load since the open.
      this.backgroundWork.push(work)
      void work.finally(() => this.backgroundWork.splice(this.backgroundWork.indexOf(work), 1))
    }
    this.views = loaded.views
    this.fileStamp = loaded.stamp
    this.logOffset = loaded.logOffset
    if (this.listeners.size > 0) this.announceReloadChanges(before)
  }

  /**
   * Another process compacted, so its transactions arrive as a new file rather than log lines: listeners still
   * hear about every document whose revision changed (grouped per revision, which is the transaction id).
   */
  private announceReloadChanges(before: PerspectiveViews['raw']): void {
    const byTransaction = new Map<string, Map<string, DocumentChange>>()
    const note = (id: string, previous: Doc | null, result: Doc | null) => {
      if (previous?._rev === result?._rev && !previous === !result) return
      const transactionId = result?._rev ?? `reload-${randomId()}`
      if (!byTransaction.has(transactionId)) byTransaction.set(transactionId, new Map())
      byTransaction.get(transactionId)!.set(id, {previous, result})
    }
    // Revisions are kept per document, so only documents that changed are read.
    for (const {stored} of this.views.raw.entries()) {
      const old = before.stored(stored.id)
      if (old && old.rev === stored.rev) continue
      note(stored.id, old?.doc() ?? null, stored.doc())
    }
    for (const {stored} of before.entries()) if (!this.views.raw.stored(stored.id)) note(stored.id, stored.doc(), null)
    const now = new Date().toISOString()
    for (const [transactionId, changes] of byTransaction) {
      this.emit(transactionId, [...changes.values()][0]?.result?._updatedAt ?? now, changes)
    }
  }

  /** Picks up what other processes committed: new log lines, or a compaction (new file, shorter log). */
  private catchUp(): void {
    this.assertOpen()
    const stamp = stampOf(this.file)
    if (!this.fileStamp || !sameStamp(stamp, this.fileStamp)) return this.reload()
    const size = logSize(this.logFile)
    if (size === this.logOffset) return
    if (size < this.logOffset) return this.reload()
    const {entries, offset} = readLogFrom(this.logFile, this.logOffset)
    this.logOffset = offset
    for (const entry of entries) {
      const changes = new Map<string, DocumentChange>()
      for (const {id, doc} of entry.docs) changes.set(id, {previous: this.views.raw.get(id) ?? null, result: doc && frozen(doc)})
      this.applyChanges(entry.t, entry.ts, changes)
    }
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(task, task)
    this.writeQueue = run.catch(() => undefined)
    return run
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`LocalLake for ${displayPath(this.file)} is closed`)
  }
}
