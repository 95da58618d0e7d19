/**
 * The pipeline's output is pinned: a generated 500-post WordPress export (plus the bundled article it
 * links to) must produce exactly the dataset the pipeline produced before the performance rewrite,
 * byte for byte per document (see `pipelineSnapshot.ts` for what "byte for byte" leaves out: the
 * store's write-time stamps `_rev`, `_createdAt`, `_updatedAt`).
 */
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {importInto} from './importFixtures'
import {capturePipelineSnapshot, type PipelineSnapshot, SNAPSHOT_FILE} from './pipelineSnapshot'

const expected = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as PipelineSnapshot

describe('a 500-post WXR import', () => {
  it('produces the committed dataset snapshot byte for byte', async () => {
    const {lines: _lines, ...actual} = await capturePipelineSnapshot(async (datasetFile, inputs) => {
      await importInto(datasetFile, inputs)
    })
    // Samples first: on a mismatch they show which document changed and how.
    expect(actual.samples).toEqual(expected.samples)
    expect(actual.documents).toBe(expected.documents)
    expect(actual.sha256).toBe(expected.sha256)
  }, 600_000)
})
