/**
 * Loads the compiled GROQ conformance suite (tests/fixtures/groq-test-suite) and runs one test through
 * plain groq-js, the reference the local store is held to.
 */
import {readFileSync} from 'node:fs'
import {gunzipSync} from 'node:zlib'
import {isDeepStrictEqual} from 'node:util'
import {evaluate, parse} from 'groq-js'

export const SUITE_FILE = new URL('../fixtures/groq-test-suite/suite.ndjson.gz', import.meta.url)

export interface SuiteDataset {
  _id: string
  name: string
  documents?: Record<string, unknown>[]
  url?: string
}

export interface SuiteTest {
  _id: string
  name: string
  filename: string
  query: string
  result: unknown
  valid: boolean
  dataset: {_ref: string}
  params?: Record<string, unknown> | null
}

export function loadSuite(): {datasets: Map<string, SuiteDataset>; tests: SuiteTest[]} {
  const datasets = new Map<string, SuiteDataset>()
  const tests: SuiteTest[] = []
  for (const line of gunzipSync(readFileSync(SUITE_FILE)).toString('utf8').split('\n')) {
    if (!line.trim()) continue
    const entry = JSON.parse(line)
    if (entry._type === 'dataset') datasets.set(entry._id, entry)
    else if (entry._type === 'test') tests.push(entry)
  }
  return {datasets, tests}
}

/** Normalises through JSON so that `undefined` members and key order do not count as differences. */
export function sameResult(actual: unknown, expected: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(actual ?? null)), expected ?? null)
}

/** Runs a query through a GROQ engine and reports whether it meets the test's expectation. */
export async function passes(test: SuiteTest, run: () => Promise<unknown>): Promise<boolean> {
  try {
    const result = await run()
    return test.valid !== false && sameResult(result, test.result)
  } catch {
    return test.valid === false
  }
}

export async function runPlainGroqJs(test: SuiteTest, documents: unknown[]): Promise<unknown> {
  const params = test.params ?? {}
  const tree = parse(test.query, {params})
  return (await evaluate(tree, {dataset: documents, params})).get()
}
