/**
 * `npm run import -- [files or folders…]`: imports legacy articles (default: the bundled existing
 * article) into the local dataset or, with `--target sanity`, the Content Lake. Thin: it parses
 * arguments, shows progress on stderr (a bar on a terminal or a long run), ends with a one-line summary,
 * and prints the JSON report only when asked (`--json`, `--report <file>`); the work is in `importer/`.
 * Only the modules the run needs are loaded (no Content Lake client for a local import).
 */
import {writeFile} from 'node:fs/promises'
import {parseArgs} from 'node:util'

import cliProgress from 'cli-progress'

import type {ImportProgress} from '../importer/run/runImport'
import type {ImportReport} from '../importer/run/importReport'
import type {ImportTarget} from '../importer/write/importTarget'

import {BUNDLED_ARTICLE} from '../importer/bundledArticle'

// Spelled out rather than imported from lake/: `--help` and argument errors should answer before the
// importer (and with it all of `sanity`) is loaded, which takes seconds.
const DEFAULT_DATASET_FILE = 'data/production.ndjson'

const HELP = `Usage: npm run import -- [files or folders…] [options]

Imports legacy articles (.txt, .md, .html, WordPress .xml/.wxr) with their manifests
(<name>.manifest.yaml beside each file). Default input: ${BUNDLED_ARTICLE}
A \`sanity dataset export\` archive (.tar.gz) or its data.ndjson is loaded as is, assets included.

Options:
  --dataset-file <file>   local dataset (default ${DEFAULT_DATASET_FILE})
  --target local|sanity   where to write (default local); sanity needs SANITY_PROJECT_ID,
                          SANITY_DATASET, SANITY_API_WRITE_TOKEN (optional SANITY_API_HOST)
  --dry-run               print what would be created, updated or left unchanged; write nothing
  --force                 import despite validation errors and strip <script>s (all reported)
  --report <file>         write the JSON report to this file
  --json                  print the JSON report on stdout
  --help                  show this help
`

interface TargetChoice {
  target: 'local' | 'sanity'
  datasetFile: string
  sanity?: {projectId: string; dataset: string; token: string; apiHost?: string}
}

function chooseTarget(target: string, datasetFile: string): TargetChoice {
  if (target === 'local') return {target, datasetFile}
  if (target !== 'sanity') throw new Error(`--target must be "local" or "sanity", got "${target}"`)
  const {SANITY_PROJECT_ID: projectId, SANITY_DATASET: dataset, SANITY_API_WRITE_TOKEN: token} = process.env
  const missing = Object.entries({SANITY_PROJECT_ID: projectId, SANITY_DATASET: dataset, SANITY_API_WRITE_TOKEN: token})
    .filter(([, value]) => !value)
    .map(([name]) => name)
  if (missing.length) throw new Error(`--target sanity needs ${missing.join(', ')} in the environment`)
  return {target, datasetFile, sanity: {projectId: projectId!, dataset: dataset!, token: token!, apiHost: process.env.SANITY_API_HOST || undefined}}
}

// A bar only where someone watches: on a terminal, or once a run has gone on long enough to wonder.
const LONG_RUN_MS = 3000

function progressBar(): {update: (progress: ImportProgress) => void; stop: () => void} {
  const started = Date.now()
  let bar: cliProgress.SingleBar | undefined
  let phase = ''
  let lastLine = 0
  return {
    update: (progress) => {
      if (process.stderr.isTTY) {
        bar ??= new cliProgress.SingleBar(
          {stream: process.stderr, format: '{phase} [{bar}] {value}/{total}', hideCursor: true},
          cliProgress.Presets.shades_classic,
        )
        if (progress.phase !== phase) {
          if (phase) bar.stop()
          phase = progress.phase
          bar.start(progress.total ?? 0, progress.done, {phase})
        }
        if (progress.total !== undefined) bar.setTotal(progress.total)
        else if (progress.done > bar.getTotal()) bar.setTotal(progress.done)
        bar.update(progress.done, {phase})
      } else if (Date.now() - started > LONG_RUN_MS && (progress.phase !== phase || Date.now() - lastLine > 2000)) {
        // Not a terminal (CI, a pipe): a plain line every few seconds instead of a redrawn bar.
        phase = progress.phase
        lastLine = Date.now()
        process.stderr.write(`${progress.phase} ${progress.done}${progress.total ? `/${progress.total}` : ''}\n`)
      }
    },
    stop: () => {
      if (bar && phase) bar.stop()
    },
  }
}

function summary(report: ImportReport, description: string, seconds: number): string {
  const {created, updated, unchanged} = report.totals
  const extras = [
    report.drafts.length ? `${report.drafts.length} drafts` : '',
    report.warnings.length ? `${report.warnings.length} warnings` : '',
    report.dropped.length ? `${report.dropped.length} dropped` : '',
    report.forcedProblems.length ? `${report.forcedProblems.length} forced problems` : '',
  ].filter(Boolean)
  return `${report.dryRun ? 'dry run: ' : ''}${created} created, ${updated} updated, ${unchanged} unchanged` +
    ` (${report.articles} articles, ${description}, ${seconds.toFixed(1)} s)${extras.length ? `; ${extras.join(', ')}` : ''}`
}

async function main(): Promise<number> {
  const {values, positionals} = parseArgs({
    allowPositionals: true,
    options: {
      'dataset-file': {type: 'string', default: DEFAULT_DATASET_FILE},
      target: {type: 'string', default: 'local'},
      'dry-run': {type: 'boolean', default: false},
      force: {type: 'boolean', default: false},
      report: {type: 'string'},
      json: {type: 'boolean', default: false},
      help: {type: 'boolean', default: false},
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    return 0
  }
  // tsx turns Node's source maps on, and Node then reads the map of every module loaded, megabytes for
  // `sanity` and its dependencies (~170 MB RSS); the importer's errors name files and fields, not lines.
  process.setSourceMapsEnabled(false)
  // A `sanity dataset export` archive (or its data.ndjson) is loaded as is, not parsed as legacy articles.
  if (positionals.some((input) => /\.(tar\.gz|tgz|tar|ndjson)$/i.test(input))) {
    const {importSanityExportCommand} = await import('../importer/sanityExport')
    return importSanityExportCommand({inputs: positionals, datasetFile: values['dataset-file']!, target: values.target!, dryRun: values['dry-run']!, force: values.force!, report: values.report, json: values.json!})
  }
  const choice = chooseTarget(values.target!, values['dataset-file']!)
  const started = performance.now()
  const [{runImport}, {describePlan}] = await Promise.all([import('../importer/run/runImport'), import('../importer/run/importReport')])
  const target: ImportTarget = choice.sanity
    ? new (await import('../importer/write/contentLakeTarget')).ContentLakeTarget(choice.sanity)
    : new (await import('../importer/write/localTarget')).LocalTarget(choice.datasetFile)
  const bar = progressBar()
  try {
    const report = await runImport({
      inputs: positionals.length ? positionals : [BUNDLED_ARTICLE],
      target,
      dryRun: values['dry-run'],
      force: values.force,
      onProgress: bar.update,
    })
    bar.stop()
    if (values['dry-run']) process.stderr.write(`${describePlan(report.outcomes).join('\n')}\n`)
    const json = JSON.stringify(report, null, 2)
    if (values.report) await writeFile(values.report, `${json}\n`)
    if (values.json) process.stdout.write(`${json}\n`)
    process.stderr.write(`${summary(report, target.description, (performance.now() - started) / 1000)}\n`)
    return 0
  } finally {
    bar.stop()
    await target.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`import failed:\n${error.message}\n`)
    process.exit(1)
  },
)
