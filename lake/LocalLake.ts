/**
 * The embedded local Content Lake: an NDJSON dataset file (`sanity dataset export` format) plus an append-only
 * transaction log beside it, loaded into indexed perspective views and queried with groq-js. `fetch` has the
 * signature of `@sanity/client`'s, so the same query runner works against either.
 *
 * Several processes may share one file: writers take `<file>.lock`, and every read or write first catches up
 * on log lines (or a compaction) other processes committed. Returned documents are frozen: copy before changing.
 */
import {existsSync, mkdirSync, statSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import {evaluate, parse, type ExprNode} from 'groq-js'
import {acquireFileLock} from './fileLock'
import {mendozaEffects} from './mutationEffects'
import {parseDynamicPayload} from './dynamicLookup'
import {displayPath, readDatasetFile, writeDatasetFileAtomically} from './ndjsonFile'
import {PerspectiveViews} from './perspectiveViews'
import {rewriteWithIndexes} from './queryRewrite'
import {planTransaction, randomId, type DocumentChange} from './transaction'
import {appendLogEntry, readLogFrom, truncateLog, type LogEntry} from './transactionLog'
import {
  DEFAULT_DATASET_FILE,
  type Doc,
  type FetchOptions,
  type LakeMutationEvent,
  type MutateOptions,
  type Mutation,
  type OpenOptions,
  type TransactionResult,
} from './types'

interface FileStamp {
  ino: number
  size: number
  mtimeMs: number
  ctimeMs: number
}

const MIN_COMPACT_BYTES = 4 << 20
const PARSE_CACHE_LIMIT = 500

function stampOf(file: string): FileStamp {
  const {ino, size, mtimeMs, ctimeMs} = statSync(file)
  return {ino, size, mtimeMs, ctimeMs}
}

const sameStamp = (a: FileStamp, b: FileStamp) =>
  a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs

export class LocalLake {
  readonly file: string
  readonly logFile: string
  private readonly lockFile: string
  private views = new PerspectiveViews()
  private fileStamp: FileStamp | undefined
  private logOffset = 0
  private readonly listeners = new Set<(event: LakeMutationEvent) => void>()
  private readonly parseCache = new Map<string, ExprNode>()
  private writeQueue: Promise<unknown> = Promise.resolve()
  private closed = false
  private readonly writerToken = randomId()
  /** Marks per-row index lookups passed through `dereference`; random, so no stored `_ref` can collide with it. */
  private readonly dynamicPrefix = `\u0000lake-${randomId()}:`

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
    lake.reload()
    return lake
  }

  async fetch<R = unknown>(query: string, params: Record<string, unknown> = {}, options: FetchOptions = {}): Promise<R> {
    this.catchUp()
    const view = this.views.view(options.perspective ?? 'published')
    const prefix = this.dynamicPrefix
    const tree = rewriteWithIndexes(this.parsed(query, params), view, params, prefix)
    const value = await evaluate(tree, {
      dataset: view.documents(),
      params,
      dereference: ({_ref}) => {
        if (!_ref.startsWith(prefix)) return view.get(_ref) ?? null
        const {index, keys} = parseDynamicPayload(_ref.slice(prefix.length))
        return view.dynamicLookup(index, keys) as never
      },
    })
    return (await value.get()) as R
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

  /** Every stored document (raw perspective), in dataset order. */
  allDocuments(): Doc[] {
    this.catchUp()
    return this.views.raw.documents()
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
    return () => this.listeners.delete(listener)
  }

  /** Folds the transaction log into the NDJSON file atomically (temp file, fsync, rename), then empties the log. */
  compact(): Promise<void> {
    this.assertOpen()
    return this.serialized(async () => {
      const release = await acquireFileLock(this.lockFile, this.writerToken)
      try {
        this.catchUp()
        this.compactLocked()
      } finally {
        release()
      }
    })
  }

  async close(): Promise<void> {
    await this.writeQueue.catch(() => undefined)
    this.closed = true
    this.listeners.clear()
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
    writeDatasetFileAtomically(this.file, this.views.raw.documents())
    // The new file holds every logged transaction, so the log can go; a crash before this line replays harmlessly.
    truncateLog(this.logFile)
    this.logOffset = 0
    this.fileStamp = stampOf(this.file)
  }

  private applyChanges(transactionId: string, timestamp: string, changes: Map<string, DocumentChange>): void {
    for (const [id, change] of changes) this.views.put(id, change.result)
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
        effects: mendozaEffects(previous, result),
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
    const stamp = stampOf(this.file)
    const docs = readDatasetFile(this.file)
    const views = new PerspectiveViews()
    for (const doc of docs) views.put(doc._id, deepFreezeLoaded(doc))
    const {entries, offset} = readLogFrom(this.logFile, 0)
    for (const entry of entries) for (const {id, doc} of entry.docs) views.put(id, doc && deepFreezeLoaded(doc))
    this.views = views
    this.fileStamp = stamp
    this.logOffset = offset
  }

  /** Picks up what other processes committed: new log lines, or a compaction (new file, shorter log). */
  private catchUp(): void {
    this.assertOpen()
    const stamp = stampOf(this.file)
    if (!this.fileStamp || !sameStamp(stamp, this.fileStamp)) return this.reload()
    let logSize = 0
    try {
      logSize = statSync(this.logFile).size
    } catch {
      // no log yet
    }
    if (logSize === this.logOffset) return
    if (logSize < this.logOffset) return this.reload()
    const {entries, offset} = readLogFrom(this.logFile, this.logOffset)
    this.logOffset = offset
    for (const entry of entries) {
      const changes = new Map<string, DocumentChange>()
      for (const {id, doc} of entry.docs) changes.set(id, {previous: this.views.raw.get(id) ?? null, result: doc && deepFreezeLoaded(doc)})
      this.applyChanges(entry.t, entry.ts, changes)
    }
  }

  private parsed(query: string, params: Record<string, unknown>): ExprNode {
    const cached = this.parseCache.get(query)
    if (cached) return cached
    let tree: ExprNode
    try {
      tree = parse(query)
    } catch (error) {
      // Slices need constant bounds: a query like `[0...$limit]` only parses with its parameters inlined.
      const key = `${query}\u0000${JSON.stringify(params)}`
      const withParams = this.parseCache.get(key)
      if (withParams) return withParams
      try {
        tree = parse(query, {params})
      } catch {
        throw error
      }
      this.remember(key, tree)
      return tree
    }
    this.remember(query, tree)
    return tree
  }

  private remember(key: string, tree: ExprNode): void {
    if (this.parseCache.size >= PARSE_CACHE_LIMIT) this.parseCache.clear()
    this.parseCache.set(key, tree)
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

function deepFreezeLoaded(doc: Doc): Doc {
  const freeze = (value: unknown) => {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
      Object.freeze(value)
      for (const child of Object.values(value)) freeze(child)
    }
  }
  freeze(doc)
  return doc
}
