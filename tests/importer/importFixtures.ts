/**
 * Shared helpers for importer tests: temp folders, running an import into a temp local dataset, the
 * bundled article's source paragraphs, and a byte snapshot of a dataset (NDJSON file + transaction log)
 * to prove a failed import left it untouched.
 */
import {existsSync, readFileSync} from 'node:fs'
import {copyFile, mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {BUNDLED_ARTICLE, LocalTarget, runImport, type ImportReport} from '../../importer'
import {splitParagraphs} from '../../importer/parse/parsePlainText'

export const REPO = resolve(import.meta.dirname, '../..')
export const BUNDLED = join(REPO, BUNDLED_ARTICLE)
export const BUNDLED_MANIFEST = BUNDLED.replace(/\.txt$/, '.manifest.yaml')
export const FIXED_NOW = () => new Date('2026-01-02T03:04:05.000Z')

export async function tempDir(prefix = 'importer-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

export async function importInto(datasetFile: string, inputs: string[], options: {dryRun?: boolean; force?: boolean} = {}): Promise<ImportReport> {
  const target = new LocalTarget(datasetFile)
  try {
    return await runImport({inputs, target, now: FIXED_NOW, ...options})
  } finally {
    await target.close()
  }
}

/** The bundled article's body paragraphs as the file has them, boilerplate ("Join our newsletter") aside. */
export function sourceParagraphs(): string[] {
  const lines = readFileSync(BUNDLED, 'utf8').split('\n')
  return splitParagraphs(lines.slice(1)).filter((paragraph) => paragraph !== 'Join our newsletter')
}

/** Everything the local store keeps on disk for a dataset, for byte-for-byte comparison. */
export function datasetSnapshot(datasetFile: string): Record<string, string | null> {
  const snapshot: Record<string, string | null> = {}
  for (const file of [datasetFile, `${datasetFile}.txlog`]) {
    snapshot[file] = existsSync(file) ? readFileSync(file).toString('base64') : null
  }
  return snapshot
}

/** Copies the bundled article (and, unless told otherwise, its manifest) into `dir` under `name`. */
export async function copyBundled(dir: string, name: string, withManifest = true): Promise<string> {
  const file = join(dir, `${name}.txt`)
  await copyFile(BUNDLED, file)
  if (withManifest) await copyFile(BUNDLED_MANIFEST, join(dir, `${name}.manifest.yaml`))
  return file
}
