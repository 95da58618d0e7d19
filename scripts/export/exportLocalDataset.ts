/**
 * Writes the local dataset as the archive `sanity dataset export` writes, by running Sanity's own exporter
 * (`@sanity/export`) against the stand-in's handler on a loopback port: the same `<dataset>-export-<date>/` folder
 * with `data.ndjson`, `assets.json`, `images/` and `files/`, asset documents folded into `_sanityAsset` fields, so
 * `sanity dataset import` (`@sanity/import`) takes it as is. The archive is written beside the target under a
 * temporary name and renamed at the end, so a failed export never leaves a half archive under the given name.
 */
import {existsSync, statSync} from 'node:fs'
import {rename, rm} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'

import {createClient} from '@sanity/client'
import {exportDataset} from '@sanity/export'

import {LocalLake, type Doc} from '../../lake'
import {startLoopbackStandIn} from './loopbackStandIn'

export interface LocalExportOptions {
  datasetFile: string
  outputFile: string
  /** The dataset's name: the archive's folder is `<dataset>-export-<date>`. */
  dataset: string
  projectId?: string
  drafts?: boolean
  types?: string[]
  assets?: boolean
  onProgress?: (progress: {step: string; current?: number; total?: number | string}) => void
}

export interface LocalExportResult {
  documentCount: number
  assetCount: number
  bytes: number
}

/** Every asset document must have its file in `assets/`, or the exporter would quietly write a broken archive. */
function assertAssetFilesPresent(documents: Doc[], assetDir: string): void {
  const missing = documents
    .filter((doc) => doc._type === 'sanity.imageAsset' || doc._type === 'sanity.fileAsset')
    .filter((doc) => typeof doc.path !== 'string' || !existsSync(join(assetDir, basename(doc.path))))
    .map((doc) => `  ${doc._id}: ${typeof doc.path === 'string' ? join(assetDir, basename(doc.path)) : 'no "path"'}`)
  if (missing.length) {
    throw new Error(
      `${missing.length} asset document(s) have no file in ${assetDir}:\n${missing.join('\n')}\n` +
        'Restore the files (or upload the assets again), or export without assets (--no-assets).',
    )
  }
}

export async function exportLocalDataset(options: LocalExportOptions): Promise<LocalExportResult> {
  const outputFile = resolve(options.outputFile)
  const lake = await LocalLake.open(options.datasetFile)
  const partial = join(dirname(outputFile), `.${basename(outputFile)}.${process.pid}.partial`)
  try {
    const assets = options.assets ?? true
    if (assets) assertAssetFilesPresent(lake.allDocuments(), join(dirname(lake.file), 'assets'))
    const projectId = options.projectId ?? 'chinadesk-local'
    const standIn = await startLoopbackStandIn({lake, datasetFile: lake.file, projectId, dataset: options.dataset})
    try {
      const client = createClient({
        projectId,
        dataset: options.dataset,
        apiHost: standIn.origin,
        useProjectHostname: false,
        apiVersion: '2025-02-19',
        useCdn: false,
        // @sanity/export insists on a token; the loopback stand-in needs none and never sees a real one.
        token: 'local-export',
      })
      const result = await exportDataset({
        client,
        dataset: options.dataset,
        outputPath: partial,
        drafts: options.drafts ?? true,
        assets,
        ...(options.types?.length ? {types: options.types} : {}),
        maxAssetRetries: 2,
        retryDelayMs: 100,
        onProgress: options.onProgress,
      })
      await rename(partial, outputFile)
      return {documentCount: result.documentCount, assetCount: result.assetCount, bytes: statSync(outputFile).size}
    } finally {
      await standIn.close()
    }
  } finally {
    await rm(partial, {force: true})
    await lake.close()
  }
}
