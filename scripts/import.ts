/**
 * `npm run import -- [files or folders…]`: imports legacy articles (default: the bundled existing
 * article) into the local dataset or, with `--target sanity`, the Content Lake. Thin: it parses
 * arguments, shows progress on stderr and prints the JSON report; the work is in `importer/`.
 */
import {writeFile} from 'node:fs/promises'
import {parseArgs} from 'node:util'

import cliProgress from 'cli-progress'

import type {ImportProgress, ImportTarget} from '../importer'

// Spelled out rather than imported: `--help` and argument errors should answer before the importer
// (and with it all of `sanity`) is loaded, which takes seconds.
const DEFAULT_DATASET_FILE = 'data/production.ndjson'
const BUNDLED_ARTICLE = 'importer/legacy/microsoft-claws-back-chinese-market.txt'

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
  --report <file>         also write the JSON report to this file
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

function progressBar(): {update: (progress: ImportProgress) => void; stop: () => void} {
  if (!process.stderr.isTTY) return {update: () => undefined, stop: () => undefined}
  const bar = new cliProgress.SingleBar(
    {stream: process.stderr, format: '{phase} [{bar}] {value}/{total}', hideCursor: true},
    cliProgress.Presets.shades_classic,
  )
  let phase = ''
  return {
    update: (progress) => {
      if (progress.phase !== phase) {
        if (phase) bar.stop()
        phase = progress.phase
        bar.start(progress.total ?? 0, progress.done, {phase})
      }
      if (progress.total !== undefined) bar.setTotal(progress.total)
      else if (progress.done > bar.getTotal()) bar.setTotal(progress.done)
      bar.update(progress.done, {phase})
    },
    stop: () => phase && bar.stop(),
  }
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
      help: {type: 'boolean', default: false},
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    return 0
  }
  // A `sanity dataset export` archive (or its data.ndjson) is loaded as is, not parsed as legacy articles.
  if (positionals.some((input) => /\.(tar\.gz|tgz|tar|ndjson)$/i.test(input))) {
    const {importSanityExportCommand} = await import('../importer/sanityExport')
    return importSanityExportCommand({inputs: positionals, datasetFile: values['dataset-file']!, target: values.target!, dryRun: values['dry-run']!, force: values.force!, report: values.report})
  }
  const choice = chooseTarget(values.target!, values['dataset-file']!)
  const {BUNDLED_ARTICLE: bundled, ContentLakeTarget, describePlan, LocalTarget, runImport} = await import('../importer')
  if (bundled !== BUNDLED_ARTICLE) throw new Error(`scripts/import.ts: default input out of date, expected ${bundled}`)
  const target: ImportTarget = choice.sanity ? new ContentLakeTarget(choice.sanity) : new LocalTarget(choice.datasetFile)
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
    process.stdout.write(`${json}\n`)
    const {created, updated, unchanged} = report.totals
    process.stderr.write(`${values['dry-run'] ? 'dry run: ' : ''}${created} created, ${updated} updated, ${unchanged} unchanged (${target.description})\n`)
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
