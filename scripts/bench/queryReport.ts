/**
 * The query suite's result as plain data (what `npm run bench -- --json` prints) and its Markdown rendering.
 * Times are milliseconds; `ratio` is plain groq-js median ÷ store median in the same process.
 */
export interface EngineTiming {
  medianMs: number
  p95Ms: number
  runs: number
  /** Store runs only: garbage collection pauses while they ran (total ms and how many). */
  gcMs?: number
  gcs?: number
}

/** A case run once by a new process that reopened the dataset from its key index (`coldRun.ts`): nothing warm. */
export interface ColdRun {
  openMs: number
  openCpuMs: number
  firstMs: number
  firstCpuMs: number
  /** Garbage collection pauses during that first run. */
  gcMs: number
}

/** The first open of a never-seen copy of the file in a new process (`firstOpenRun.ts`). */
export interface FirstOpenRun {
  openMs: number
  openCpuMs: number
  /** Heap after a full collection with the lake open, above the process's heap before the open. */
  heapMegabytes: number
  rssMegabytes: number
}

export interface QueryCaseResult {
  name: string
  /** The store's first run in the bench process (after the cases before it): pays for indexes built on first use. */
  firstStoreMs: number
  /** The first run in a new process right after a reopen (absent with --no-cold): what `npm run query` meets. */
  cold?: ColdRun
  store: EngineTiming
  /** null when plain groq-js was not run (too slow at a smaller size: `plainSkipped` says why). */
  groqJs: EngineTiming | null
  plainSkipped?: string
  /** groq-js median / store median. */
  ratio: number | null
  resultBytes: number
  /** Store result equals the plain groq-js result (null when plain groq-js was not run). */
  sameResult: boolean | null
}

export interface QuerySizeResult {
  articles: number
  documents: number
  fileMegabytes: number
  /** The first open of the freshly written file: parses every line and writes the key index file. */
  firstOpenMs: number
  firstOpenCpuMs: number
  /** The same in a new process, as a user's process meets it (absent with --no-cold). */
  firstOpenNewProcess?: FirstOpenRun
  /** Reopening the unchanged file (from its key index file). */
  openMs: number
  /** CPU time of this process during the open (user + system): comparable when other processes load the machine. */
  openCpuMs: number
  /** Heap (after a full GC) with the store open, above the process baseline before any dataset existed. */
  storeHeapMegabytes: number
  querySource: string
  cases: QueryCaseResult[]
  patch: EngineTiming
}

export interface QueryBenchResult {
  suite: 'queries'
  sizes: QuerySizeResult[]
  processMemory: {heapMegabytes: number; rssMegabytes: number}
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2))

function caseRow(row: QueryCaseResult): string {
  const plain = row.groqJs
    ? `${ms(row.groqJs.medianMs)} | ${ms(row.groqJs.p95Ms)}`
    : `${row.plainSkipped ?? 'not run'} | –`
  const ratio = row.ratio === null ? '–' : `${row.ratio.toFixed(1)}×`
  const same = row.sameResult === null ? '–' : row.sameResult ? 'yes' : 'NO'
  const cold = row.cold ? `${ms(row.cold.firstMs)} (${ms(row.cold.firstCpuMs)} CPU)` : '–'
  const gc = row.store.gcMs === undefined ? '–' : `${ms(row.store.gcMs)} / ${row.store.gcs}`
  return `| ${row.name} | ${cold} | ${ms(row.firstStoreMs)} | ${ms(row.store.medianMs)} | ${ms(row.store.p95Ms)} | ${gc} | ${plain} | ${ratio} | ${row.resultBytes.toLocaleString('en')} | ${same} | ${row.store.runs}/${row.groqJs?.runs ?? 0} |`
}

const firstOpenInNewProcess = ({firstOpenNewProcess: run}: QuerySizeResult): string =>
  run ? ` (in a new process: ${ms(run.openMs)} ms wall, ${ms(run.openCpuMs)} ms CPU, heap ${run.heapMegabytes.toFixed(0)} MB, RSS ${run.rssMegabytes.toFixed(0)} MB)` : ''

export function queryReportMarkdown(result: QueryBenchResult): string {
  const lines = ['## Queries: LocalLake vs plain groq-js', '']
  for (const size of result.sizes) {
    lines.push(
      `### ${size.articles.toLocaleString('en')} articles (${size.documents.toLocaleString('en')} documents, ${size.fileMegabytes.toFixed(1)} MB NDJSON; first open ${ms(size.firstOpenMs)} ms wall, ${ms(size.firstOpenCpuMs)} ms CPU${firstOpenInNewProcess(size)}; reopen ${ms(size.openMs)} ms wall, ${ms(size.openCpuMs)} ms CPU; heap with the store loaded ≈ ${size.storeHeapMegabytes.toFixed(0)} MB above the process baseline; queries from ${size.querySource})`,
      '',
      '| query | first run after a reopen, new process, ms | store first run ms | store median ms | store p95 ms | store GC ms / pauses | groq-js median ms | groq-js p95 ms | speed-up | result bytes | same result | runs (store/groq-js) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|---:|',
      ...size.cases.map(caseRow),
      '',
      `One-field patch (\`set: {title}\` on a random article, fsynced log append): median ${ms(size.patch.medianMs)} ms, p95 ${ms(size.patch.p95Ms)} ms over ${size.patch.runs} runs (GC ${ms(size.patch.gcMs ?? 0)} ms in ${size.patch.gcs ?? 0} pauses).`,
      '',
    )
  }
  lines.push(`Process memory at the end: heap ${result.processMemory.heapMegabytes.toFixed(0)} MB, RSS ${result.processMemory.rssMegabytes.toFixed(0)} MB.`)
  return lines.join('\n')
}
