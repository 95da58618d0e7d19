/**
 * The lake as `npm pack` ships it: `lib/lake.js` opens a large dataset on worker threads with the scan worker
 * the package build writes beside it (`lib/lineScanWorker.js`), since a consumer has neither the TypeScript
 * sources nor esbuild to bundle them. Loaded from an unpacked tarball placed inside this repository's
 * `node_modules`, so the package's own imports resolve to the installed dependencies, as in a consumer's tree.
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {LocalLake} from '../../lake'
import {packedTarball, PROJECT_DIR} from './packedTarball'

const run = promisify(execFile)

describe('the packed lake', () => {
  let unpacked: string
  let dataDir: string

  beforeAll(async () => {
    const tarball = await packedTarball()
    const cache = join(PROJECT_DIR, 'node_modules', '.cache')
    await mkdir(cache, {recursive: true})
    unpacked = await mkdtemp(join(cache, 'china-desk-packed-lake-'))
    await run('tar', ['-xzf', tarball, '-C', unpacked])
    dataDir = await mkdtemp(join(tmpdir(), 'china-desk-packed-lake-data-'))
  }, 600_000)

  afterAll(async () => {
    await Promise.all([unpacked, dataDir].map((dir) => dir && rm(dir, {recursive: true, force: true})))
  })

  it('ships its scan worker and parses a large first open on two threads, with the same documents', async () => {
    const lib = join(unpacked, 'package', 'lib')
    expect(existsSync(join(lib, 'lineScanWorker.js')), 'lib/lineScanWorker.js in the tarball').toBe(true)
    expect(existsSync(join(lib, 'scanWorkerBundle.ts')), 'no sources in the tarball').toBe(false)

    const file = join(dataDir, 'production.ndjson')
    const lines = Array.from({length: 3000}, (_, n) =>
      JSON.stringify({_id: `article.${n}`, _type: 'article', title: `Article ${n} 微软重返中国市场`, slug: {_type: 'slug', current: `a-${n}`}}),
    )
    await writeFile(file, `${lines.join('\n')}\n`)

    const {LocalLake: PackedLake} = (await import(pathToFileURL(join(lib, 'lake.js')).href)) as {LocalLake: typeof LocalLake}
    // Thresholds lowered so this small file takes the path a 400 MB one takes: blocks on worker threads.
    const lake = await PackedLake.open(file, {parallelScanMinBytes: 1, scanBlockBytes: 64 * 1024, scanWorkers: 2})
    try {
      expect(lake.loadedScanThreads).toBe(2)
      expect(lake.documentCount()).toBe(3000)
      await expect(lake.fetch('*[slug.current == $slug][0].title', {slug: 'a-2999'})).resolves.toBe('Article 2999 微软重返中国市场')
    } finally {
      await lake.close()
    }
  }, 120_000)
})
