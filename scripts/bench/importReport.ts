/**
 * The import benchmark's result as Markdown tables (`npm run bench -- --only import`); `--json` prints
 * the same object as JSON. Stage names follow the issue: "build" is the importer's `assemble` stage,
 * "context" its one read of the target and "compare" the check that skips unchanged documents.
 */
import type {ImportBenchResult, ImportRunFigures} from './import'

const STAGES: [keyof ImportRunFigures['stages'], string][] = [
  ['read', 'read'],
  ['context', 'context'],
  ['parse', 'parse'],
  ['link', 'link'],
  ['assemble', 'build'],
  ['compare', 'compare'],
  ['validate', 'validate'],
  ['plan', 'plan'],
  ['write', 'write'],
]

export function importReportMarkdown(result: ImportBenchResult): string {
  const {import: first, rerun} = result
  const run = (figures: ImportRunFigures) =>
    `${figures.seconds} s, **${figures.articlesPerSecond} articles/s**, ${figures.cpuSeconds} CPU-s, peak heap ${figures.peakHeapMegabytes} MB, peak RSS ${figures.peakRssMegabytes} MB`
  return [
    `${result.posts} posts (${result.wxrMegabytes} MB WXR), ${result.machine.cores} cores, load average ${result.machine.loadAverageBefore} → ${result.machine.loadAverageAfter}`,
    '',
    '| figure | value |',
    '|---|---|',
    `| import, end to end | ${run(first)} |`,
    `| heap after GC at 10 % / at 100 % | ${first.heapAtTenthMegabytes} / ${first.heapAtEndMegabytes} MB |`,
    `| rerun, nothing changed | ${run(rerun)} |`,
    `| parse only | **${result.parseOnly.postsPerSecond} posts/s**, ${result.parseOnly.cpuMsPerPost} ms CPU per post |`,
    `| one small file, fresh process | peak RSS ${result.smallFile.peakRssMegabytes} MB |`,
    `| one empty file, fresh process | peak RSS ${result.emptyFile.peakRssMegabytes} MB (${result.emptyFile.outcome}) |`,
    '',
    '| stage | import wall ms | import CPU ms | rerun wall ms | rerun CPU ms |',
    '|---|---|---|---|---|',
    ...STAGES.map(([stage, label]) => `| ${label} | ${first.stages[stage]} | ${first.cpuStages[stage]} | ${rerun.stages[stage]} | ${rerun.cpuStages[stage]} |`),
  ].join('\n')
}
