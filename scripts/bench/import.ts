/**
 * Import benchmark (`npm run bench -- --only import [--posts 10000]`): generates a WXR export of N posts
 * in a temp folder and imports it into a fresh local dataset (seeded with the bundled article, so posts
 * get linked). Returns a plain result object: end-to-end articles per second with the importer's own
 * per-stage breakdown, CPU seconds (this machine is shared: wall time alone says more about the load
 * than the code), peak RSS/heap, heap after GC at 10 % and at 100 % of the posts; a rerun with nothing
 * changed; streaming parse alone; and peak RSS of a separate process importing one small / one empty file.
 * `tsx scripts/bench/import.ts [posts]` runs it alone.
 */
import {execFile} from 'node:child_process'
import {mkdtemp, rm, stat, writeFile} from 'node:fs/promises'
import {cpus, loadavg, tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

import {BUNDLED_ARTICLE} from '../../importer/bundledArticle'
import {parseWxrPost} from '../../importer/parse/parseWxrPost'
import {readWxr} from '../../importer/parse/readWxr'
import type {ImportReport, StageTimings} from '../../importer/run/importReport'
import {runImport} from '../../importer/run/runImport'
import {LocalTarget} from '../../importer/write/localTarget'
import {generateWxr} from './generateWxr'

export interface ImportRunFigures {
  seconds: number
  articlesPerSecond: number
  cpuSeconds: number
  peakRssMegabytes: number
  peakHeapMegabytes: number
  /** Heap after GC once 10 % of the posts are parsed, and after the write. */
  heapAtTenthMegabytes: number
  heapAtEndMegabytes: number
  totals: ImportReport['totals']
  /** Wall milliseconds per stage, from the importer's report. */
  stages: StageTimings
  /** CPU milliseconds per stage (the whole process, validation workers included). */
  cpuStages: StageTimings
}

export interface ImportBenchResult {
  posts: number
  wxrMegabytes: number
  machine: {cores: number; loadAverageBefore: number; loadAverageAfter: number}
  import: ImportRunFigures
  rerun: ImportRunFigures
  parseOnly: {postsPerSecond: number; cpuMsPerPost: number; heapAfterTenthMegabytes: number; heapAtEndMegabytes: number; peakHeapMegabytes: number}
  smallFile: {peakRssMegabytes: number}
  emptyFile: {peakRssMegabytes: number; outcome: string}
}

const MB = 1024 * 1024
const REPO = resolve(import.meta.dirname, '../..')

/** A full GC before heap readings, without needing `node --expose-gc` (bench.ts runs under plain tsx). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}
const round = (value: number) => Math.round(value * 10) / 10
const heapMegabytes = () => (collectGarbage(), round(process.memoryUsage().heapUsed / MB))

function sampler() {
  let peakRss = 0
  let peakHeap = 0
  const sample = () => {
    const {rss, heapUsed} = process.memoryUsage()
    peakRss = Math.max(peakRss, rss)
    peakHeap = Math.max(peakHeap, heapUsed)
  }
  sample()
  const timer = setInterval(sample, 25)
  return {stop: () => (clearInterval(timer), sample(), {peakRss, peakHeap})}
}

async function parseOnly(file: string, posts: number): Promise<ImportBenchResult['parseOnly']> {
  collectGarbage()
  const memory = sampler()
  const started = performance.now()
  const cpu = process.cpuUsage()
  let count = 0
  let heapAfterTenth = 0
  for await (const post of readWxr(file)) {
    parseWxrPost(post, file)
    if (++count === Math.ceil(posts / 10)) heapAfterTenth = heapMegabytes()
  }
  const used = process.cpuUsage(cpu)
  const seconds = (performance.now() - started) / 1000
  const heapAtEnd = heapMegabytes()
  const {peakHeap} = memory.stop()
  return {
    postsPerSecond: Math.round(count / seconds),
    cpuMsPerPost: round((used.user + used.system) / 1000 / count),
    heapAfterTenthMegabytes: heapAfterTenth,
    heapAtEndMegabytes: heapAtEnd,
    peakHeapMegabytes: round(peakHeap / MB),
  }
}

async function timedImport(wxr: string, datasetFile: string, posts: number, label: string): Promise<ImportRunFigures> {
  const target = new LocalTarget(datasetFile)
  collectGarbage()
  const memory = sampler()
  const started = performance.now()
  const cpu = process.cpuUsage()
  let heapAtTenth = 0
  let lastLine = 0
  const report = await runImport({
    inputs: [wxr],
    target,
    onProgress: ({phase, done, total}) => {
      if (phase === 'parse' && done === Math.ceil(posts / 10)) heapAtTenth = heapMegabytes()
      if (performance.now() - lastLine > 5000) {
        lastLine = performance.now()
        process.stderr.write(`bench import (${label}): ${phase} ${done}${total ? `/${total}` : ''}\n`)
      }
    },
  })
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  const heapAtEnd = heapMegabytes()
  const {peakRss, peakHeap} = memory.stop()
  await target.close()
  if (report.articles !== posts) throw new Error(`bench: imported ${report.articles} of ${posts} posts`)
  return {
    seconds: round(seconds),
    articlesPerSecond: Math.round(posts / seconds),
    cpuSeconds: round((used.user + used.system) / 1e6),
    peakRssMegabytes: round(peakRss / MB),
    peakHeapMegabytes: round(peakHeap / MB),
    heapAtTenthMegabytes: heapAtTenth,
    heapAtEndMegabytes: heapAtEnd,
    totals: report.totals,
    stages: report.timings!,
    cpuStages: report.cpuTimings!,
  }
}

/** Peak RSS of a fresh process importing `inputs` (one small article; an empty file). */
async function childImport(dir: string, inputs: string[]): Promise<{peakRssMegabytes: number; outcome: string}> {
  const datasetFile = join(await mkdtemp(join(dir, 'child-')), 'production.ndjson')
  const {stdout} = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bench/importOneFile.ts', datasetFile, ...inputs], {cwd: REPO})
  return JSON.parse(stdout.trim().split('\n').pop()!)
}

export async function benchImport(options: {posts?: number} = {}): Promise<ImportBenchResult> {
  const posts = options.posts ?? 10_000
  const dir = await mkdtemp(join(tmpdir(), 'bench-import-'))
  const loadAverageBefore = round(loadavg()[0])
  try {
    const wxr = join(dir, 'archive.xml')
    await generateWxr(wxr, posts)
    const datasetFile = join(dir, 'production.ndjson')
    const seed = new LocalTarget(datasetFile)
    await runImport({inputs: [BUNDLED_ARTICLE], target: seed})
    await seed.close()

    process.stderr.write(`bench import: ${posts} posts generated; one small file, one empty file in child processes…\n`)
    const smallFile = await childImport(dir, [join(REPO, BUNDLED_ARTICLE)])
    const empty = join(dir, 'empty.txt')
    await writeFile(empty, '')
    const emptyFile = await childImport(dir, [empty])
    process.stderr.write(`bench import: streaming parse…\n`)
    const parse = await parseOnly(wxr, posts)
    process.stderr.write(`bench import: parse-only ${parse.postsPerSecond} posts/s; importing…\n`)
    const first = await timedImport(wxr, datasetFile, posts, 'first run')
    process.stderr.write(`bench import: ${first.articlesPerSecond} articles/s; rerun with nothing changed…\n`)
    const rerun = await timedImport(wxr, datasetFile, posts, 'rerun')
    return {
      posts,
      wxrMegabytes: round((await stat(wxr)).size / MB),
      machine: {cores: cpus().length, loadAverageBefore, loadAverageAfter: round(loadavg()[0])},
      import: first,
      rerun,
      parseOnly: parse,
      smallFile: {peakRssMegabytes: smallFile.peakRssMegabytes},
      emptyFile,
    }
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchImport({posts: Number(process.argv[2]) || undefined}).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: Error) => {
      console.error(error.message)
      process.exit(1)
    },
  )
}
