/**
 * Import benchmark: generates a WXR export of 10,000 posts in a temp folder and imports it into a temp
 * local dataset (seeded with the bundled article, so posts get linked), reporting articles per second
 * and peak RSS/heap sampled during the run. A second, parse-only pass streams the same file and
 * samples the heap after the first 10% of posts and at the end: flat memory means the two are close.
 * `scripts/bench.ts` (lake helper) calls `benchImport`; `tsx scripts/bench/import.ts [posts]` runs it alone.
 */
import {mkdtemp, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

import {BUNDLED_ARTICLE, LocalTarget, runImport} from '../../importer'
import {parseWxrPost} from '../../importer/parse/parseWxrPost'
import {readWxr} from '../../importer/parse/readWxr'
import {generateWxr} from './generateWxr'

export interface ImportBenchResult {
  posts: number
  wxrMegabytes: number
  importSeconds: number
  articlesPerSecond: number
  peakRssMegabytes: number
  peakHeapMegabytes: number
  /** Streaming parse alone; heap (after GC) at 10% and at 100% of the posts: close together = flat. */
  parseOnly: {postsPerSecond: number; heapAfterTenthMegabytes: number; heapAtEndMegabytes: number; peakHeapMegabytes: number}
}

const MB = 1024 * 1024

/** A full GC before heap readings, without needing `node --expose-gc` (bench.ts runs under plain tsx). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}
const round = (value: number) => Math.round(value * 10) / 10

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
  return {sample, stop: () => (clearInterval(timer), sample(), {peakRss, peakHeap})}
}

async function parseOnly(file: string, posts: number) {
  collectGarbage()
  const memory = sampler()
  const started = performance.now()
  let count = 0
  let heapAfterTenth = 0
  for await (const post of readWxr(file)) {
    parseWxrPost(post, file)
    if (++count === Math.ceil(posts / 10)) {
      collectGarbage()
      heapAfterTenth = process.memoryUsage().heapUsed
    }
  }
  collectGarbage()
  const heapAtEnd = process.memoryUsage().heapUsed
  const {peakHeap} = memory.stop()
  return {
    postsPerSecond: Math.round(count / ((performance.now() - started) / 1000)),
    heapAfterTenthMegabytes: round(heapAfterTenth / MB),
    heapAtEndMegabytes: round(heapAtEnd / MB),
    peakHeapMegabytes: round(peakHeap / MB),
  }
}

export async function benchImport(options: {posts?: number} = {}): Promise<ImportBenchResult> {
  const posts = options.posts ?? 10_000
  const dir = await mkdtemp(join(tmpdir(), 'bench-import-'))
  try {
    const wxr = join(dir, 'archive.xml')
    await generateWxr(wxr, posts)
    const datasetFile = join(dir, 'production.ndjson')
    const target = new LocalTarget(datasetFile)
    await runImport({inputs: [BUNDLED_ARTICLE], target})

    process.stderr.write(`bench import: ${posts} posts generated; streaming parse…\n`)
    const parse = await parseOnly(wxr, posts)
    process.stderr.write(`bench import: parse-only ${parse.postsPerSecond} posts/s; importing…\n`)
    const memory = sampler()
    const started = performance.now()
    let lastPhase = ''
    const report = await runImport({
      inputs: [wxr],
      target,
      onProgress: ({phase, done}) => {
        if (phase !== lastPhase || done % 1000 === 0) process.stderr.write(`bench import: ${phase} ${done}\n`)
        lastPhase = phase
      },
    })
    const seconds = (performance.now() - started) / 1000
    const {peakRss, peakHeap} = memory.stop()
    await target.close()
    if (report.articles !== posts) throw new Error(`bench: imported ${report.articles} of ${posts} posts`)
    return {
      posts,
      wxrMegabytes: round((await stat(wxr)).size / MB),
      importSeconds: round(seconds),
      articlesPerSecond: Math.round(posts / seconds),
      peakRssMegabytes: round(peakRss / MB),
      peakHeapMegabytes: round(peakHeap / MB),
      parseOnly: parse,
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
