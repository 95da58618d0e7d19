/**
 * What `npm run import -- <export.tar.gz | data.ndjson>` does when it is handed a Sanity export: load it into the
 * local dataset, print a one-line summary on stderr and, with `--json`/`--report`, the JSON report (as the legacy
 * import does).
 */
import {writeFile} from 'node:fs/promises'

import {loadSanityExport} from './loadSanityExport'

export interface SanityExportCommand {
  inputs: string[]
  datasetFile: string
  target: string
  dryRun: boolean
  force: boolean
  report?: string
  /** Print the JSON report on stdout (the legacy import's `--json`). */
  json?: boolean
}

export async function importSanityExportCommand(command: SanityExportCommand): Promise<number> {
  if (command.inputs.length !== 1) throw new Error(`Load one Sanity export at a time (got ${command.inputs.length}: ${command.inputs.join(', ')})`)
  if (command.target !== 'local') {
    throw new Error('A Sanity export goes to a Sanity project with `sanity dataset import <file> <dataset>`; --target sanity is for legacy articles')
  }
  const report = await loadSanityExport({input: command.inputs[0], datasetFile: command.datasetFile, dryRun: command.dryRun, force: command.force})
  const json = JSON.stringify(report, null, 2)
  if (command.report) await writeFile(command.report, `${json}\n`)
  if (command.json) process.stdout.write(`${json}\n`)
  const {created, updated, unchanged} = report.totals
  process.stderr.write(
    `${command.dryRun ? 'dry run: ' : ''}${created} created, ${updated} updated, ${unchanged} unchanged, ` +
      `${report.assetFiles.written} asset files written (${report.target}, from Sanity export ${report.source})\n`,
  )
  return 0
}
