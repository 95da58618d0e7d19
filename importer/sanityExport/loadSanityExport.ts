/**
 * Loads a Sanity export (`sanity dataset export` archive or its `data.ndjson`) into the local dataset as is:
 * documents unchanged, asset files into the dataset's `assets/` folder (where the stand-in serves them), asset
 * references kept. Every step that can fail runs before anything is written (read, parse, restore assets,
 * Sanity's validation, plan); then asset files are written and all documents go in as ONE lake transaction,
 * and a failed transaction takes back the files it added. Documents equal to the stored ones (ignoring
 * `_rev`/`_updatedAt`, which the lake stamps) are left alone, so a rerun writes nothing.
 */
import {existsSync, readFileSync, renameSync, unlinkSync, writeFileSync} from 'node:fs'
import {mkdir} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {isDeepStrictEqual} from 'node:util'

import {LocalLake, type Doc, type Mutation} from '../../lake'
import {contentHash} from '../assemble/deterministicKey'
import {parseExportLines, type ExportLine} from './parseExportLines'
import {readExportArchive} from './readExportArchive'
import {restoreAssets, type AssetLocation} from './restoreAssets'

export interface LoadSanityExportOptions {
  input: string
  datasetFile: string
  dryRun?: boolean
  /** Load despite validation errors (they are listed in the report). */
  force?: boolean
  location?: AssetLocation
}

export interface SanityExportReport {
  source: string
  target: string
  dryRun: boolean
  totals: {created: number; updated: number; unchanged: number}
  assetFiles: {written: number; present: number}
  /** System documents (`_.…`) Sanity's importer also leaves out. */
  skipped: string[]
  problems: {line?: number; documentId: string; path: string; level: string; message: string}[]
}

export const DEFAULT_ASSET_LOCATION: AssetLocation = {
  projectId: process.env.SANITY_STUDIO_PROJECT_ID || 'chinadesk-local',
  dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  origin: 'https://localhost:3434',
}

const SYSTEM_FIELDS = new Set(['_rev', '_updatedAt'])
const VALIDATION_BATCH = 500
const withoutSystemFields = (doc: Doc) => Object.fromEntries(Object.entries(doc).filter(([key]) => !SYSTEM_FIELDS.has(key)))
const isPublishedId = (id: string) => !id.startsWith('drafts.') && !id.startsWith('versions.')

export async function loadSanityExport(options: LoadSanityExportOptions): Promise<SanityExportReport> {
  const archive = await readExportArchive(options.input)
  const lines = parseExportLines(archive.dataText, archive.dataLabel)
  const skipped = lines.filter(({doc}) => doc._id.startsWith('_.')).map(({doc}) => doc._id)
  const restored = restoreAssets(
    lines.filter(({doc}) => !doc._id.startsWith('_.')),
    archive,
    options.location ?? DEFAULT_ASSET_LOCATION,
  )

  const datasetFile = resolve(options.datasetFile)
  const lake = existsSync(datasetFile) ? await LocalLake.open(datasetFile) : undefined
  try {
    const incoming = [...restored.assetDocuments, ...restored.documents.map(({doc}) => doc)]
    const mutations: Mutation[] = []
    const totals = {created: 0, updated: 0, unchanged: 0}
    for (const doc of incoming) {
      const stored = await lake?.getDocument(doc._id)
      if (stored && isDeepStrictEqual(withoutSystemFields(stored), withoutSystemFields({...doc, _createdAt: doc._createdAt ?? stored._createdAt}))) {
        totals.unchanged++
        continue
      }
      totals[stored ? 'updated' : 'created']++
      mutations.push({createOrReplace: withoutSystemFields(doc) as Doc})
    }

    // Only documents that will be written are validated: the others are already stored exactly as they are.
    const changed = new Set(mutations.map((mutation) => (mutation as {createOrReplace: Doc}).createOrReplace._id))
    const problems = changed.size ? await validate(restored.documents, restored.assetDocuments, lake, changed) : []
    const fatal = problems.filter((problem) => problem.level === 'error' && isPublishedId(problem.documentId))
    if (fatal.length && !options.force) {
      throw new Error(
        `${archive.dataLabel}: ${fatal.length} validation error(s); nothing was loaded:\n` +
          fatal.map((p) => `  line ${p.line}: ${p.documentId} ${p.path || '(document)'}: ${p.message}`).join('\n') +
          '\nFix the documents in Sanity and export again, or load anyway with --force.',
      )
    }

    const assetDir = join(dirname(datasetFile), 'assets')
    const newFiles = [...restored.files].filter(([name, bytes]) => !sameFile(join(assetDir, name), bytes))
    const report: SanityExportReport = {
      source: options.input,
      target: `local dataset ${options.datasetFile}`,
      dryRun: Boolean(options.dryRun),
      totals,
      assetFiles: {written: options.dryRun ? 0 : newFiles.length, present: restored.files.size - newFiles.length},
      skipped,
      problems,
    }
    if (options.dryRun || (mutations.length === 0 && newFiles.length === 0)) return report

    const written = await writeAssetFiles(assetDir, newFiles)
    try {
      if (mutations.length) {
        const target = lake ?? (await LocalLake.open(datasetFile, {createIfMissing: true}))
        try {
          // Same content, same transaction id, as the legacy importer does.
          await target.mutate(mutations, {transactionId: `sanity-export-${contentHash(mutations).slice(0, 24)}`})
        } finally {
          if (!lake) await target.close()
        }
      }
    } catch (error) {
      for (const file of written) unlinkSync(file)
      throw error
    }
    return report
  } finally {
    await lake?.close()
  }
}

/**
 * Sanity's validation over one index of the dataset as it will be after the load (stored documents, then the
 * export's documents and assets replacing them), in batches so a large export never holds every result at once.
 */
async function validate(documents: ExportLine[], assetDocuments: Doc[], lake: LocalLake | undefined, only: Set<string>) {
  // Loaded only now: a damaged archive is reported before Sanity (seconds to load) is.
  const {ValidationIndex, validateDocuments} = await import('../../schemas/validation')
  const index = new ValidationIndex(lake?.allDocuments() ?? [])
  for (const doc of assetDocuments) index.add(doc)
  for (const {doc} of documents) index.add(doc)
  const lineOf = new Map(documents.map(({line, doc}) => [doc._id, line]))
  const toValidate = documents.filter(({doc}) => only.has(doc._id)).map(({doc}) => doc)
  const problems = []
  for (let start = 0; start < toValidate.length; start += VALIDATION_BATCH) {
    problems.push(...(await validateDocuments(toValidate.slice(start, start + VALIDATION_BATCH), {index})))
  }
  return problems.map((problem) => ({line: lineOf.get(problem.documentId), ...problem}))
}

function sameFile(file: string, bytes: Buffer): boolean {
  return existsSync(file) && readFileSync(file).equals(bytes)
}

/** Writes each file under a temporary name and renames it into place; returns the files it created. */
async function writeAssetFiles(assetDir: string, files: [string, Buffer][]): Promise<string[]> {
  if (files.length === 0) return []
  await mkdir(assetDir, {recursive: true})
  const created: string[] = []
  try {
    for (const [name, bytes] of files) {
      const file = join(assetDir, name)
      const existed = existsSync(file)
      const temp = `${file}.${process.pid}.tmp`
      writeFileSync(temp, bytes)
      renameSync(temp, file)
      if (!existed) created.push(file)
    }
  } catch (error) {
    for (const file of created) unlinkSync(file)
    throw error
  }
  return created
}
