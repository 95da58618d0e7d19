/**
 * The GROQ conformance suite through the local store: every test with an inline dataset runs through plain
 * groq-js and through a LocalLake loaded from the same documents (perspective raw). Wherever groq-js passes,
 * the store must pass too: its indexes and query rewrite may never change an answer.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {loadSuite, passes, runPlainGroqJs, type SuiteTest} from './conformanceSuite'

const SLOW_IN_GROQ_JS = 'Filters / documents, nested 3'
const dir = mkdtempSync(join(tmpdir(), 'lake-conformance-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('GROQ conformance suite', () => {
  it('passes every inline-dataset test that plain groq-js passes', {timeout: 120_000}, async () => {
    const {datasets, tests} = loadSuite()
    const byDataset = new Map<string, SuiteTest[]>()
    for (const test of tests) {
      const dataset = datasets.get(test.dataset._ref)
      if (!dataset?.documents || test.name.startsWith(SLOW_IN_GROQ_JS)) continue
      byDataset.set(dataset._id, [...(byDataset.get(dataset._id) ?? []), test])
    }

    let plainPasses = 0
    let storePasses = 0
    const regressions: string[] = []
    let fileNumber = 0
    for (const [datasetId, datasetTests] of byDataset) {
      const documents = datasets.get(datasetId)!.documents!
      const file = join(dir, `dataset-${++fileNumber}.ndjson`)
      writeFileSync(file, documents.map((doc) => JSON.stringify(doc)).join('\n') + '\n')
      const lake = await LocalLake.open(file)
      for (const test of datasetTests) {
        const plain = await passes(test, () => runPlainGroqJs(test, documents))
        const store = await passes(test, () => lake.fetch(test.query, test.params ?? {}, {perspective: 'raw'}))
        if (plain) plainPasses++
        if (store) storePasses++
        if (plain && !store) regressions.push(`${test.filename}: ${test.name}: ${test.query.trim()}`)
      }
      await lake.close()
    }

    console.info(`conformance: plain groq-js passes ${plainPasses}, store passes ${storePasses}`)
    expect(regressions).toEqual([])
    // groq-js 1.30 passes about 7,555 of these; a collapse would mean the harness, not the store, is broken.
    expect(plainPasses).toBeGreaterThan(7000)
    expect(storePasses).toBeGreaterThanOrEqual(plainPasses)
  })
})
