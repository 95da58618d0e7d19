/**
 * The dataset a 500-post WordPress export produces, as comparable text: every stored document sorted
 * by `_id`, one JSON line each, with the fields the store stamps at write time (`_rev`, `_createdAt`,
 * `_updatedAt`) left out and everything else byte for byte as stored (key order included). The
 * committed snapshot (`fixtures/wxr500.snapshot.json`) was captured from the pipeline before the
 * performance rewrite; `wxrSnapshot.test.ts` proves the current pipeline still produces it exactly.
 * `tsx tests/importer/pipelineSnapshot.ts --write` recaptures it (only on purpose, in its own commit).
 */
import {createHash} from 'node:crypto'
import {rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {LocalLake} from '../../lake'
import {generateWxr} from '../../scripts/bench/generateWxr'
import {BUNDLED, REPO, tempDir} from './importFixtures'

export const SNAPSHOT_POSTS = 500
export const SNAPSHOT_FILE = join(REPO, 'tests/importer/fixtures/wxr500.snapshot.json')
/** Documents kept whole in the snapshot, so a mismatch shows what changed, not only that a hash did. */
export const SAMPLE_IDS = ['article.bench-post-1', 'article.bench-post-250', 'author.desk', 'section.technology', 'company.microsoft']

export interface PipelineSnapshot {
  posts: number
  documents: number
  sha256: string
  samples: Record<string, unknown>
}

const STAMPED = new Set(['_rev', '_createdAt', '_updatedAt'])

export function canonicalLines(documents: readonly Record<string, unknown>[]): string[] {
  return [...documents]
    .sort((a, b) => (String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0))
    .map((document) => JSON.stringify(Object.fromEntries(Object.entries(document).filter(([field]) => !STAMPED.has(field)))))
}

/** Imports the bundled article (so posts link to its companies), then the generated export, with a pinned clock. */
export async function capturePipelineSnapshot(
  runImports: (datasetFile: string, inputs: string[]) => Promise<void>,
): Promise<PipelineSnapshot & {lines: string[]}> {
  const dir = await tempDir('wxr-snapshot-')
  try {
    const wxr = join(dir, 'archive.xml')
    await generateWxr(wxr, SNAPSHOT_POSTS)
    const datasetFile = join(dir, 'production.ndjson')
    await runImports(datasetFile, [BUNDLED])
    await runImports(datasetFile, [wxr])
    const lake = await LocalLake.open(datasetFile)
    const lines = canonicalLines(lake.allDocuments() as Record<string, unknown>[])
    await lake.close()
    const samples = Object.fromEntries(
      lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((doc) => SAMPLE_IDS.includes(String(doc._id))).map((doc) => [doc._id, doc]),
    )
    const sha256 = createHash('sha256').update(lines.join('\n')).digest('hex')
    return {posts: SNAPSHOT_POSTS, documents: lines.length, sha256, samples, lines}
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

if (process.argv.includes('--write')) {
  const {importInto} = await import('./importFixtures')
  const {lines, ...snapshot} = await capturePipelineSnapshot(async (datasetFile, inputs) => {
    await importInto(datasetFile, inputs)
  })
  await writeFile(SNAPSHOT_FILE, `${JSON.stringify(snapshot, null, 2)}\n`)
  // The whole dataset too, outside the repository, for diffing while changing the pipeline.
  if (process.env.SNAPSHOT_LINES) await writeFile(process.env.SNAPSHOT_LINES, `${lines.join('\n')}\n`)
  console.log(`${SNAPSHOT_FILE}: ${snapshot.documents} documents, sha256 ${snapshot.sha256}`)
}
