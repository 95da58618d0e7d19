/**
 * Query benchmark: for each dataset size, generates a synthetic dataset, opens it as a LocalLake and times
 * every bench case through the store and through plain groq-js (the same published documents as an array,
 * no dereference function, so every `->` and `*` scans) in the same run; then times one-field patches.
 * Progress goes to stderr; the result is plain data (`QueryBenchResult`), rendered by `queryReport.ts`.
 */
import {execFileSync} from 'node:child_process'
import {copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {PerformanceObserver} from 'node:perf_hooks'
import {tmpdir} from 'node:os'
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {isDeepStrictEqual} from 'node:util'
import {evaluate, parse, type ExprNode} from 'groq-js'
import {LocalLake} from '../../lake'
import {loadBenchCases, type BenchCase} from './benchCases'
import type {ColdRun, EngineTiming, FirstOpenRun, QueryBenchResult, QueryCaseResult, QuerySizeResult} from './queryReport'
import {generateDataset, type SyntheticDataset} from './syntheticDataset'

export interface QueryBenchOptions {
  sizes: number[]
  /** Time budget per case and engine, in ms (at least 3 runs each regardless). */
  budgetMs?: number
  /** Only the cases whose name contains one of these (lower-case) words; all when empty. */
  cases?: string[]
  /** false: time the store alone (no plain groq-js runs, no result comparison). */
  plain?: boolean
  /** false: skip each case's cold run (a new process that reopens the dataset and runs it once). */
  cold?: boolean
}

const MB = 1024 * 1024
const SLOW_MS = 5000

/** A full GC before reading the heap, so "store heap" is what the store keeps, not garbage from generating. */
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void
function settledHeap(): number {
  collectGarbage()
  return process.memoryUsage().heapUsed
}

/** Heap before any dataset exists (modules loaded): what a loaded store adds is measured against it. */
let baselineHeap = 0

/** Cases whose plain groq-js run took longer than SLOW_MS at a smaller size: not run again above 10k articles. */
const tooSlowForPlain = new Map<string, {size: number; ms: number}>()
const progress = (message: string) => process.stderr.write(`${message}\n`)
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2))
const round = (value: number) => Math.round(value * 1000) / 1000
const timing = (samples: number[]): EngineTiming => ({medianMs: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)), runs: samples.length})

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/**
 * Times two engines on the same case, alternating run by run so that load from other processes falls on both
 * alike; each gets two untimed warm-up runs, at least 3 timed runs and then runs until its budget is spent.
 */
/** Garbage collection pauses (ms, count) observed while `work` ran: what the p95s of a case are made of. */
async function collectedDuring<T>(work: () => Promise<T>): Promise<{result: T; gcMs: number; gcs: number}> {
  let gcMs = 0
  let gcs = 0
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) (gcMs += entry.duration), gcs++
  })
  observer.observe({entryTypes: ['gc']})
  const result = await work()
  // Entries arrive asynchronously: let the last ones in before counting.
  await new Promise((resolve) => setTimeout(resolve, 0))
  observer.disconnect()
  return {result, gcMs: round(gcMs), gcs}
}

async function timeEngines(budgets: number[], run: ((i: number) => Promise<unknown>)[], maxRuns = 500): Promise<number[][]> {
  const engines = run.map((_, engine) => engine)
  const samples: number[][] = engines.map(() => [])
  const spent = engines.map(() => 0)
  for (const engine of engines) for (let i = 0; i < 2; i++) await run[engine](-1 - i)
  for (let i = 0; ; i++) {
    let ran = false
    for (const engine of engines) {
      if (samples[engine].length >= maxRuns || (samples[engine].length >= 3 && spent[engine] >= budgets[engine])) continue
      const start = performance.now()
      await run[engine](i)
      const elapsed = performance.now() - start
      samples[engine].push(elapsed)
      spent[engine] += elapsed
      ran = true
    }
    if (!ran) return samples
  }
}

function plainRunner(documents: unknown[]) {
  const trees = new Map<string, ExprNode>()
  return async (query: string, params: Record<string, unknown>) => {
    const key = `${query}\u0000${JSON.stringify(params)}`
    let tree = trees.get(key)
    if (!tree) trees.set(key, (tree = parse(query, {params})))
    return (await evaluate(tree, {dataset: documents, params})).get()
  }
}

async function benchSize(size: number, options: QueryBenchOptions, dir: string): Promise<QuerySizeResult> {
  const budgetMs = options.budgetMs ?? 1000
  progress(`bench: generating ${size.toLocaleString('en')} articles…`)
  const data = generateDataset(size)
  const file = join(dir, `bench-${size}.ndjson`)
  writeFileSync(file, data.documents.map((doc) => JSON.stringify(doc)).join('\n') + '\n')
  data.documents.length = 0
  settledHeap()
  // The first open of a new file parses every line and writes the key index beside it (`<file>.index`); every
  // later open of the unchanged file (Studio, query workers, scripts) reads the index instead: both are reported.
  const firstInNewProcess = options.cold === false ? undefined : firstOpenInNewProcess(file)
  const first = await timedOpen(file).then(async ({lake: firstLake, ...timing}) => (await firstLake.close(), timing))
  settledHeap()
  const {lake, openMs, openCpuMs} = await timedOpen(file)
  const heapMb = (settledHeap() - baselineHeap) / MB
  const docCount = lake.documentCount()
  const fileMegabytes = statSync(file).size / MB
  progress(
    `bench: ${docCount.toLocaleString('en')} documents, ${fileMegabytes.toFixed(1)} MB file, first open ${ms(first.openMs)} ms (${ms(first.openCpuMs)} ms CPU), ` +
      `reopen ${ms(openMs)} ms (${ms(openCpuMs)} ms CPU), heap ≈ ${heapMb.toFixed(0)} MB, RSS ${(process.memoryUsage().rss / MB).toFixed(0)} MB`,
  )

  const {cases: allCases, source} = await loadBenchCases(data)
  const wanted = options.cases ?? []
  const cases = wanted.length === 0 ? allCases : allCases.filter((bench) => wanted.some((word) => bench.name.toLowerCase().includes(word)))
  if (cases.length === 0) throw new Error(`bench: no query case matches --cases ${wanted.join(',')} (cases: ${allCases.map((c) => c.name).join(', ')})`)
  const cold = options.cold === false ? undefined : coldRunner(file, data, dir)
  let plain: ReturnType<typeof plainRunner> | undefined
  // Plain groq-js needs every published document as objects: fetched only when a case runs it.
  const plainEngine = async () => (plain ??= plainRunner(await lake.fetch<unknown[]>('*')))
  const results: QueryCaseResult[] = []
  for (const bench of cases) {
    const coldRun = cold?.(bench.name)
    results.push({...(await benchCase(bench, lake, options.plain === false ? null : plainEngine, budgetMs, size)), ...(coldRun && {cold: coldRun})})
  }
  const patch = await benchPatch(lake, data.articleSlugs)
  await lake.close()
  rmSync(file, {force: true})
  rmSync(`${file}.txlog`, {force: true})
  rmSync(`${file}.index`, {force: true})
  return {
    articles: size,
    documents: docCount,
    fileMegabytes: round(fileMegabytes),
    firstOpenMs: round(first.openMs),
    firstOpenCpuMs: round(first.openCpuMs),
    ...(firstInNewProcess && {firstOpenNewProcess: firstInNewProcess}),
    openMs: round(openMs),
    openCpuMs: round(openCpuMs),
    storeHeapMegabytes: round(heapMb),
    querySource: source,
    cases: results,
    patch,
  }
}

/**
 * The first open of a copy of `file` (no key index beside it) in a new process (`firstOpenRun.ts`): what a user's
 * process meets after `sanity dataset export`, without the bench process's generated garbage on its heap.
 */
function firstOpenInNewProcess(file: string): FirstOpenRun {
  const copy = `${file}.first-open.ndjson`
  copyFileSync(file, copy)
  try {
    const script = join(dirname(fileURLToPath(import.meta.url)), 'firstOpenRun.ts')
    const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, copy], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']})
    const run = JSON.parse(output) as FirstOpenRun
    return {openMs: round(run.openMs), openCpuMs: round(run.openCpuMs), heapMegabytes: round(run.heapMegabytes), rssMegabytes: round(run.rssMegabytes)}
  } finally {
    for (const suffix of ['', '.index', '.postings', '.txlog']) rmSync(`${copy}${suffix}`, {force: true})
  }
}

/**
 * Runs one case in a new process that reopens the dataset from its key index and runs the query once
 * (`coldRun.ts`): what `npm run query` meets, with no index built and no code compiled by an earlier case.
 */
function coldRunner(file: string, data: SyntheticDataset, dir: string): (name: string) => ColdRun {
  const idsFile = join(dir, 'ids.json')
  const {documents: _documents, ...ids} = data
  writeFileSync(idsFile, JSON.stringify(ids))
  const script = join(dirname(fileURLToPath(import.meta.url)), 'coldRun.ts')
  return (name) => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', script, file, idsFile, name], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']})
    const run = JSON.parse(output) as ColdRun
    return {openMs: round(run.openMs), openCpuMs: round(run.openCpuMs), firstMs: round(run.firstMs), firstCpuMs: round(run.firstCpuMs), gcMs: round(run.gcMs)}
  }
}

async function timedOpen(file: string): Promise<{lake: LocalLake; openMs: number; openCpuMs: number}> {
  const openStart = performance.now()
  const openCpu = process.cpuUsage()
  const lake = await LocalLake.open(file)
  const openMs = performance.now() - openStart
  const {user, system} = process.cpuUsage(openCpu)
  // Wall time suffers from whatever else the machine runs; this process's CPU time for the open does not.
  return {lake, openMs, openCpuMs: (user + system) / 1000}
}

async function benchCase(
  bench: BenchCase,
  lake: LocalLake,
  plainEngine: (() => Promise<ReturnType<typeof plainRunner>>) | null,
  budgetMs: number,
  size: number,
): Promise<QueryCaseResult> {
  progress(`bench:   ${bench.name}`)
  // The first run after open pays for whatever the store builds lazily (ordered and text indexes): reported.
  const firstStart = performance.now()
  const storeResult = await lake.fetch(bench.query, bench.params(0))
  const firstStoreMs = round(performance.now() - firstStart)
  const resultBytes = Buffer.byteLength(JSON.stringify(storeResult) ?? '')
  const storeRun = (i: number) => lake.fetch(bench.query, bench.params(Math.abs(i)))
  const earlier = tooSlowForPlain.get(bench.name)
  if (!plainEngine || (earlier && size > 10_000)) {
    const {result: [store], gcMs, gcs} = await collectedDuring(() => timeEngines([budgetMs], [storeRun]))
    const plainSkipped = earlier ? `not run (${ms(earlier.ms)} ms at ${earlier.size.toLocaleString('en')})` : 'not run (--no-plain)'
    return {name: bench.name, firstStoreMs, store: {...timing(store), gcMs, gcs}, groqJs: null, plainSkipped, ratio: null, resultBytes, sameResult: null}
  }
  const plain = await plainEngine()
  const firstPlainStart = performance.now()
  const plainResult = await plain(bench.query, bench.params(0))
  const firstPlainMs = performance.now() - firstPlainStart
  if (firstPlainMs > SLOW_MS) tooSlowForPlain.set(bench.name, {size, ms: firstPlainMs})
  const same = isDeepStrictEqual(JSON.parse(JSON.stringify(storeResult)), JSON.parse(JSON.stringify(plainResult)))
  const plainRun = (i: number) => plain(bench.query, bench.params(Math.abs(i)))
  // Plain groq-js can take minutes per run at 100k articles: a slow first run is its only sample (or one of two).
  let store: number[]
  let groq: number[]
  if (firstPlainMs > SLOW_MS) {
    ;[store, groq] = [(await timeEngines([budgetMs], [storeRun]))[0], [firstPlainMs]]
  } else if (firstPlainMs > SLOW_MS / 5) {
    const start = performance.now()
    await plainRun(1)
    ;[store, groq] = [(await timeEngines([budgetMs], [storeRun]))[0], [firstPlainMs, performance.now() - start]]
  } else {
    ;[store, groq] = await timeEngines([budgetMs, budgetMs * 2], [storeRun, plainRun])
  }
  const [storeTiming, plainTiming] = [timing(store), timing(groq)]
  return {
    name: bench.name,
    firstStoreMs,
    store: storeTiming,
    groqJs: plainTiming,
    ratio: round(plainTiming.medianMs / storeTiming.medianMs),
    resultBytes,
    sameResult: same,
  }
}

async function benchPatch(lake: LocalLake, slugs: string[]): Promise<QuerySizeResult['patch']> {
  progress('bench:   one-field patch')
  const samples: number[] = []
  const {gcMs, gcs} = await collectedDuring(async () => {
    for (let i = 0; i < 300; i++) {
      const start = performance.now()
      await lake.mutate([{patch: {id: `article.${slugs[(i * 7919) % slugs.length]}`, set: {title: `Patched ${i}`}}}])
      samples.push(performance.now() - start)
    }
  })
  return {...timing(samples), gcMs, gcs}
}

export async function benchQueries(options: QueryBenchOptions): Promise<QueryBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'china-desk-bench-'))
  const sizes: QuerySizeResult[] = []
  await import('../../queries').catch(() => undefined)
  baselineHeap = settledHeap()
  try {
    for (const size of options.sizes) sizes.push(await benchSize(size, options, dir))
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
  const memory = process.memoryUsage()
  return {suite: 'queries', sizes, processMemory: {heapMegabytes: round(memory.heapUsed / MB), rssMegabytes: round(memory.rss / MB)}}
}
