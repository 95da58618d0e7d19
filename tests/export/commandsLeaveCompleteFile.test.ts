/**
 * "The file is the dataset" beyond the importer: a migration run on a dataset file (`runMigrationOnDatasetFile`)
 * and a writer that closes leave every document in the NDJSON file with the log empty; a reader that closes
 * never rewrites the file; a crash (no close) still recovers everything from the log.
 */
import {existsSync, readFileSync, statSync} from 'node:fs'
import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {parseDocumentLines} from '../../lake/store/ndjsonFile'
import fillUpdatedAt from '../../migrations/fill-updated-at'
import {runMigrationOnDatasetFile} from '../../migrations/runner/runMigrationOnDatasetFile'

const fileDocuments = (file: string) => parseDocumentLines(readFileSync(file, 'utf8'), file)
const logBytes = (file: string) => (existsSync(`${file}.txlog`) ? statSync(`${file}.txlog`).size : 0)

async function seeded(): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'file-is-dataset-')), 'production.ndjson')
  const lake = await LocalLake.open(file, {createIfMissing: true})
  await lake.mutate([{create: {_id: 'article.legacy', _type: 'article', title: 'Legacy import'}}])
  await lake.close()
  return file
}

describe('when a command finishes, the NDJSON file alone is the dataset', () => {
  it('a writer’s close folds the log in; a reader’s close leaves the file untouched', async () => {
    const file = await seeded()
    expect(fileDocuments(file).map((doc) => doc.title)).toEqual(['Legacy import'])
    expect(logBytes(file)).toBe(0)
    const stamp = statSync(file)
    const reader = await LocalLake.open(file)
    await reader.fetch('*')
    await reader.close()
    expect(statSync(file).ino).toBe(stamp.ino)
  })

  it('a migration run on the file leaves the migrated documents in the file', async () => {
    const file = await seeded()
    const result = await runMigrationOnDatasetFile(fillUpdatedAt, file)
    expect(result.mutations).toBe(1)
    const [article] = fileDocuments(file)
    expect(article.updatedAt).toBe(article._createdAt)
    expect(logBytes(file)).toBe(0)
  })

  it('a writer that never closes (a crash) still has its writes recovered from the log', async () => {
    const file = await seeded()
    const crashed = await LocalLake.open(file)
    await crashed.mutate([{create: {_id: 'section.news', _type: 'section', title: 'News'}}])
    expect(logBytes(file)).toBeGreaterThan(0)
    expect(fileDocuments(file)).toHaveLength(1)
    const reopened = await LocalLake.open(file)
    expect((await reopened.getDocument('section.news'))?.title).toBe('News')
  })
})
