/**
 * Reruns: a second import of the same article reports every document unchanged and writes nothing
 * (the dataset files stay byte-identical); an editor's change to a shared company survives a rerun;
 * `--dry-run` describes the plan and writes nothing.
 */
import {join} from 'node:path'

import {beforeAll, describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {BUNDLED, datasetSnapshot, importInto, tempDir} from './importFixtures'

let datasetFile: string

beforeAll(async () => {
  datasetFile = join(await tempDir(), 'production.ndjson')
  await importInto(datasetFile, [BUNDLED])
})

describe('rerunning the import', () => {
  it('reports every document unchanged and leaves the dataset byte-identical', async () => {
    const before = datasetSnapshot(datasetFile)
    const report = await importInto(datasetFile, [BUNDLED])
    expect(report.totals).toEqual({created: 0, updated: 0, unchanged: 17})
    expect(report.outcomes.every((entry) => entry.outcome === 'unchanged')).toBe(true)
    expect(report.written).toEqual({transactions: 0, mutations: 0, retries: 0})
    expect(datasetSnapshot(datasetFile)).toEqual(before)
  })

  it('keeps an editor’s change to a company, and the article keeps its first importedAt', async () => {
    const lake = await LocalLake.open(datasetFile)
    await lake.mutate([{patch: {id: 'company.microsoft', set: {description: 'Edited in the Studio', name: 'Microsoft Corporation'}}}])
    const firstImportedAt = ((await lake.getDocument('article.microsoft-claws-back-chinese-market'))?.legacy as {importedAt: string}).importedAt
    await lake.close()

    const report = await importInto(datasetFile, [BUNDLED])
    expect(report.outcomes.find((entry) => entry.id === 'company.microsoft')?.outcome).toBe('unchanged')

    const after = await LocalLake.open(datasetFile)
    expect(await after.getDocument('company.microsoft')).toMatchObject({name: 'Microsoft Corporation', description: 'Edited in the Studio'})
    const article = await after.getDocument('article.microsoft-claws-back-chinese-market')
    expect((article?.legacy as {importedAt: string}).importedAt).toBe(firstImportedAt)
    await after.close()
  })

  it('replaces an edited article body with the source again (the article is createOrReplace)', async () => {
    const lake = await LocalLake.open(datasetFile)
    await lake.mutate([{patch: {id: 'article.microsoft-claws-back-chinese-market', set: {title: 'Changed'}}}])
    await lake.close()
    const report = await importInto(datasetFile, [BUNDLED])
    expect(report.outcomes.find((entry) => entry.id.startsWith('article.'))?.outcome).toBe('updated')
    const after = await LocalLake.open(datasetFile)
    expect((await after.getDocument('article.microsoft-claws-back-chinese-market'))?.title).toMatch(/^Microsoft claws back/)
    await after.close()
  })

  it('--dry-run into an empty dataset plans 17 creations and creates no file', async () => {
    const fresh = join(await tempDir(), 'production.ndjson')
    const report = await importInto(fresh, [BUNDLED], {dryRun: true})
    expect(report.dryRun).toBe(true)
    expect(report.totals).toEqual({created: 17, updated: 0, unchanged: 0})
    expect(datasetSnapshot(fresh)).toEqual({[fresh]: null, [`${fresh}.txlog`]: null})
  })
})
