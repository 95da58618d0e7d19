/**
 * `npm run export -- <file.tar.gz>`: the local dataset as the archive `sanity dataset export` writes, which
 * `sanity dataset import <file.tar.gz> <dataset>` loads into a Sanity project as is. Thin: arguments, progress on
 * stderr, a one-line summary; the export itself is Sanity's exporter (scripts/export/exportLocalDataset.ts).
 */
import {basename, extname} from 'node:path'
import {parseArgs} from 'node:util'

// Spelled out rather than imported so --help answers before the exporter loads.
const DEFAULT_DATASET_FILE = 'data/production.ndjson'

const HELP = `Usage: npm run export -- [<file.tar.gz>] [options]

Writes the local dataset as a \`sanity dataset export\` archive (data.ndjson, assets.json,
images/, files/). Load it into a Sanity project with \`sanity dataset import <file.tar.gz> <dataset>\`.
Default file: <dataset>.tar.gz

Options:
  --dataset-file <file>   local dataset to export (default ${DEFAULT_DATASET_FILE})
  --dataset <name>        dataset name inside the archive (default: the file's name, e.g. production)
  --no-drafts             leave out drafts (drafts.*) and release versions (versions.*)
  --types <a,b,…>         only these document types
  --no-assets             leave out asset files, asset documents and references to them
  --help                  show this help
`

const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1 << 20 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / (1 << 20)).toFixed(1)} MB`
}

/** One progress line: rewritten in place on a terminal, else one line per step so logs stay short. */
function progressLine() {
  let lastStep = ''
  return {
    update: ({step, current, total}: {step: string; current?: number; total?: number | string}) => {
      const counts = current === undefined ? '' : ` ${current}/${total ?? '?'}`
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${step}${counts}`)
      else if (step !== lastStep) process.stderr.write(`${step}\n`)
      lastStep = step
    },
    done: () => process.stderr.isTTY && lastStep && process.stderr.write('\r\x1b[K'),
  }
}

async function main(): Promise<number> {
  const {values, positionals} = parseArgs({
    allowPositionals: true,
    allowNegative: true,
    options: {
      'dataset-file': {type: 'string', default: DEFAULT_DATASET_FILE},
      dataset: {type: 'string'},
      drafts: {type: 'boolean', default: true},
      types: {type: 'string'},
      assets: {type: 'boolean', default: true},
      help: {type: 'boolean', default: false},
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    return 0
  }
  if (positionals.length > 1) throw new Error(`Expected one archive file, got ${positionals.length}: ${positionals.join(' ')}`)
  const datasetFile = values['dataset-file']!
  const dataset = values.dataset ?? basename(datasetFile, extname(datasetFile))
  if (!DATASET_NAME.test(dataset)) {
    throw new Error(`"${dataset}" is not a Sanity dataset name (lower-case letters, digits, "_" and "-"); pass --dataset <name>`)
  }
  const outputFile = positionals[0] ?? `${dataset}.tar.gz`
  const types = values.types?.split(',').map((type) => type.trim()).filter(Boolean)
  if (values.types !== undefined && !types?.length) throw new Error('--types needs at least one document type, e.g. --types article,company')

  const started = performance.now()
  const {exportLocalDataset} = await import('./export/exportLocalDataset')
  const progress = progressLine()
  try {
    const result = await exportLocalDataset({datasetFile, outputFile, dataset, drafts: values.drafts, types, assets: values.assets, onProgress: progress.update})
    progress.done()
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    process.stdout.write(
      `Exported ${result.documentCount} documents and ${result.assetCount} asset files from ${datasetFile} to ${outputFile} (${formatBytes(result.bytes)}) in ${seconds} s\n`,
    )
    return 0
  } finally {
    progress.done()
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`export failed:\n${error.message}\n`)
    process.exit(1)
  },
)
