/**
 * An unpacked export works like the archive: `data.ndjson` with `images/`, `files/` and `assets.json` beside it
 * reads as the same documents, asset files and metadata as the `.tar.gz` it came from, and anything else in the
 * folder is ignored.
 */
import {createHash} from 'node:crypto'
import {readdirSync} from 'node:fs'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {extract} from 'tar'
import {afterAll, expect, it} from 'vitest'

import {readExportArchive} from '../../importer/sanityExport'
import {archiveContents} from './archiveContents'
import {LocalLake} from '../../lake'
import {exportLocalDataset} from '../../scripts/export/exportLocalDataset'
import {makePng} from '../studio/harness/pngFixture'

let dir: string
let datasetFile: string
afterAll(() => rm(dir, {recursive: true, force: true}))

it('reads an unpacked export’s data.ndjson as the same documents, files and asset metadata as its archive', async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-ndjson-'))
  const png = makePng(6, 5)
  const sha1 = createHash('sha1').update(png).digest('hex')
  datasetFile = join(dir, 'source', 'production.ndjson')
  await mkdir(join(dir, 'source', 'assets'), {recursive: true})
  await writeFile(join(dir, 'source', 'assets', `${sha1}-6x5.png`), png)
  const lake = await LocalLake.open(datasetFile, {createIfMissing: true})
  const path = `images/chinadesk-local/production/${sha1}-6x5.png`
  await lake.mutate([
    {create: {_id: `image-${sha1}-6x5-png`, _type: 'sanity.imageAsset', sha1hash: sha1, size: png.length, path, originalFilename: 'logo.png', metadata: {dimensions: {width: 6, height: 5}}}},
    {create: {_id: 'company.acme', _type: 'company', name: 'Acme', logo: {_type: 'imageWithAlt', alt: 'Acme', asset: {_type: 'reference', _ref: `image-${sha1}-6x5-png`}}}},
    {create: {_id: 'drafts.company.acme', _type: 'company', name: 'Acme (draft)'}},
    {create: {_id: 'section.news', _type: 'section', title: 'News'}},
  ])
  await lake.close()
  const archive = join(dir, 'acme.tar.gz')
  await exportLocalDataset({datasetFile, outputFile: archive, dataset: 'production'})
  await extract({file: archive, cwd: join(dir)})
  const folder = join(dir, readdirSync(dir).find((name) => name.startsWith('production-export-'))!)
  await writeFile(join(folder, 'notes.txt'), 'not part of the export')

  const [fromArchive, fromFolder] = [await readExportArchive(archive), await readExportArchive(join(folder, 'data.ndjson'))]
  expect(fromFolder.dataText).toBe(fromArchive.dataText)
  expect(fromFolder.dataText).toContain(`"_sanityAsset":"image@file://./images/${sha1}-6x5.png"`)
  expect([...fromFolder.files.keys()]).toEqual([`images/${sha1}-6x5.png`])
  expect(fromFolder.files.get(`images/${sha1}-6x5.png`)).toEqual(png)
  expect(fromArchive.files).toEqual(fromFolder.files)
  expect(fromFolder.assetMeta).toEqual(fromArchive.assetMeta)
  expect(fromFolder.assetMeta[`image-${sha1}`]).toMatchObject({originalFilename: 'logo.png', sha1hash: sha1})
}, 30_000)

it('--types, --no-drafts and --no-assets narrow the archive the way Sanity\'s exporter does', async () => {
  const narrow = join(dir, 'narrow.tar.gz')
  const result = await exportLocalDataset({datasetFile, outputFile: narrow, dataset: 'production', types: ['company'], drafts: false, assets: false})
  const contents = await archiveContents(narrow)
  // Without assets Sanity's exporter drops every image/file field whole, alt text included.
  expect(contents.documents).toEqual([expect.objectContaining({_id: 'company.acme', name: 'Acme'})])
  expect(contents.documents[0]).not.toHaveProperty('logo')
  expect(contents.files).toEqual({})
  expect(result).toMatchObject({documentCount: 1, assetCount: 0})
}, 30_000)
