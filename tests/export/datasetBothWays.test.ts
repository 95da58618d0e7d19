/**
 * The local dataset moves both ways with Sanity's own tools. One dataset, built by the real `npm run import`
 * plus an image uploaded through the stand-in with @sanity/client, goes: to an archive by `npm run export`,
 * into a fresh stand-in dataset by @sanity/import 6.0.4 (what `sanity dataset import` runs), to an archive by
 * @sanity/export 6.2.1 against the stand-in, and back into an empty local dataset by `npm run import`.
 */
import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {createReadStream, existsSync, readFileSync, statSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'

import {createClient, type SanityClient} from '@sanity/client'
import {exportDataset} from '@sanity/export'
import {sanityImport} from '@sanity/import'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {loadSanityExport} from '../../importer/sanityExport'
import {LocalLake} from '../../lake'
import {startStandIn, type RunningStandIn} from '../../lake/server'
import {parseDocumentLines} from '../../lake/store/ndjsonFile'
import {ARTICLE_BY_SLUG_QUERY} from '../../queries/articleQueries'
import {makePng} from '../studio/harness/pngFixture'
import {archiveContents, sortedKeys, withoutStamps} from './archiveContents'

// The stand-in's certificate is self-signed and made at start-up; this test process trusts it like a browser told to.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'

const REPO = resolve(import.meta.dirname, '../..')
const ARTICLE_ID = 'article.microsoft-claws-back-chinese-market'
const SLUG = 'microsoft-claws-back-chinese-market'
const run = promisify(execFile)
// `npm run <script>` is `tsx scripts/<script>.ts`; node --import tsx runs the same script without tsx's extra process.
const cli = (script: string, args: string[]) => run(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {cwd: REPO})

let dir: string
let datasetFile: string
let lake: LocalLake
let standIn: RunningStandIn
let image: Buffer
let articleBefore: unknown

const clientFor = (origin: string): SanityClient =>
  createClient({projectId: 'chinadesk-local', dataset: 'production', apiHost: origin, useProjectHostname: false, apiVersion: '2025-02-19', useCdn: false, token: 'local'})

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex')

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-'))
  datasetFile = join(dir, 'local', 'production.ndjson')
  await cli('import', ['--dataset-file', datasetFile])
}, 300_000)

afterAll(async () => {
  await standIn?.close()
  await lake?.close()
  await rm(dir, {recursive: true, force: true})
})

describe('npm run import', () => {
  it('leaves every document in the NDJSON file itself, with no transaction log lines pending', () => {
    const documents = parseDocumentLines(readFileSync(datasetFile, 'utf8'), datasetFile)
    expect(documents).toHaveLength(17)
    expect(documents.map((doc) => doc._id)).toContain(ARTICLE_ID)
    expect(existsSync(`${datasetFile}.txlog`) ? statSync(`${datasetFile}.txlog`).size : 0).toBe(0)
  })
})

describe('with an image uploaded through the stand-in', () => {
  let archive: string

  beforeAll(async () => {
    lake = await LocalLake.open(datasetFile)
    standIn = await startStandIn({lake, datasetFile, projectId: 'chinadesk-local'})
    image = makePng(40, 30)
    const client = clientFor(standIn.origin)
    const asset = await client.assets.upload('image', image, {filename: 'hero.png'})
    await client
      .patch(ARTICLE_ID)
      .set({heroImage: {_type: 'imageWithAlt', asset: {_type: 'reference', _ref: asset._id}, alt: 'Microsoft logo on a building'}})
      .commit()
    articleBefore = await lake.fetch(ARTICLE_BY_SLUG_QUERY, {slug: SLUG})
    archive = join(dir, 'local.tar.gz')
    await cli('export', ['--dataset-file', datasetFile, archive])
  }, 120_000)

  it('npm run export → @sanity/import into a fresh stand-in gives the same documents, image and references', async () => {
    const freshFile = join(dir, 'fresh', 'production.ndjson')
    const fresh = await LocalLake.open(freshFile, {createIfMissing: true})
    const freshStandIn = await startStandIn({lake: fresh, datasetFile: freshFile, projectId: 'chinadesk-local'})
    try {
      await sanityImport(createReadStream(archive), {client: clientFor(freshStandIn.origin), operation: 'create'})
      const original = lake.allDocuments()
      const imported = new Map(fresh.allDocuments().map((doc) => [doc._id, doc]))
      expect([...imported.keys()].sort()).toEqual(original.map((doc) => doc._id).sort())
      for (const doc of original.filter((doc) => doc._type !== 'sanity.imageAsset')) {
        expect(sortedKeys(withoutStamps(imported.get(doc._id)!)), doc._id).toBe(sortedKeys(withoutStamps(doc)))
      }
      const [asset] = original.filter((doc) => doc._type === 'sanity.imageAsset')
      const importedAsset = imported.get(asset._id)!
      expect(importedAsset).toMatchObject({sha1hash: sha1(image), originalFilename: 'hero.png', metadata: asset.metadata})
      expect(sha1(readFileSync(join(dir, 'fresh', 'assets', String(importedAsset.path).split('/').pop()!)))).toBe(sha1(image))
      const hero = (imported.get(ARTICLE_ID) as unknown as {heroImage: {asset: {_ref: string}}}).heroImage
      expect(hero.asset._ref).toBe(asset._id)
      for (const ref of JSON.stringify([...imported.values()]).matchAll(/"_ref":"([^"]+)"/g)) expect(imported.has(ref[1]), ref[1]).toBe(true)
    } finally {
      await freshStandIn.close()
      await fresh.close()
    }
  }, 120_000)

  it('@sanity/export against the stand-in writes the same archive as npm run export', async () => {
    const sanityArchive = join(dir, 'sanity.tar.gz')
    await exportDataset({client: clientFor(standIn.origin), dataset: 'production', outputPath: sanityArchive, maxAssetRetries: 1})
    const [ours, theirs] = [await archiveContents(archive), await archiveContents(sanityArchive)]
    expect(ours.documents).toHaveLength(17)
    expect(ours.documents.find((doc) => doc._id === ARTICLE_ID)?.heroImage).toMatchObject({_sanityAsset: `image@file://./images/${sha1(image)}-40x30.png`})
    expect(theirs.documents).toEqual(ours.documents)
    expect(theirs.assetsJson).toEqual(ours.assetsJson)
    expect(theirs.files).toEqual(ours.files)
    expect(theirs.folder).toMatch(/^production-export-/)
  }, 60_000)

  it('npm run import of the @sanity/export archive into an empty dataset answers articleBySlug as before; a rerun changes nothing', async () => {
    const backFile = join(dir, 'back', 'production.ndjson')
    const {stderr} = await cli('import', [join(dir, 'sanity.tar.gz'), '--dataset-file', backFile])
    expect(stderr).toContain('18 created, 0 updated, 0 unchanged, 1 asset files written')
    const back = await LocalLake.open(backFile)
    const article = (await back.fetch(ARTICLE_BY_SLUG_QUERY, {slug: SLUG})) as {heroImage: {asset: {url: string}}}
    await back.close()
    // Sanity's exporter drops asset URLs: the loaded one points at `npm run studio`'s origin, same path. Every
    // write stamps `_updatedAt` (on the Content Lake too), so it is the other field that may differ.
    const before = articleBefore as {heroImage: {asset: {url: string}}}
    expect(new URL(article.heroImage.asset.url).pathname).toBe(new URL(before.heroImage.asset.url).pathname)
    const comparable = (result: {heroImage: {asset: {url: string}}}) =>
      JSON.parse(JSON.stringify({...result, heroImage: {...result.heroImage, asset: {...result.heroImage.asset, url: 'same path'}}}, (key, value) => (key === '_updatedAt' ? undefined : value)))
    expect(comparable(article)).toEqual(comparable(before))

    const snapshot = () => [backFile, `${backFile}.txlog`, join(dir, 'back', 'assets', `${sha1(image)}-40x30.png`)].map((file) => readFileSync(file).toString('base64'))
    const beforeRerun = snapshot()
    const report = await loadSanityExport({input: join(dir, 'sanity.tar.gz'), datasetFile: backFile})
    expect(report.totals).toEqual({created: 0, updated: 0, unchanged: 18})
    expect(snapshot()).toEqual(beforeRerun)
  }, 300_000)
})
