/**
 * A damaged Sanity export never half-loads: a truncated gzip, a `data.ndjson` line that is not JSON and an asset
 * reference whose file is missing each stop `npm run import` with an error naming the file (and line), exit 1,
 * and leave the target dataset (NDJSON file, log, assets/) byte-identical. So does a document Sanity's validation
 * rejects: nothing of the export is loaded.
 */
import {execFile} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'

import {create, extract} from 'tar'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {loadSanityExport} from '../../importer/sanityExport'
import {LocalLake} from '../../lake'
import {exportLocalDataset} from '../../scripts/export/exportLocalDataset'
import {makePng} from '../studio/harness/pngFixture'

const REPO = resolve(import.meta.dirname, '../..')
let dir: string
let archive: string
let target: string
let folder: string

async function importArchive(file: string) {
  try {
    // `npm run import` is `tsx scripts/import.ts`; node --import tsx runs the same script without tsx's extra process.
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file, '--dataset-file', target], {cwd: REPO})
    return {code: 0, stderr: ''}
  } catch (error) {
    return error as {code: number; stderr: string}
  }
}

function snapshot(): Record<string, string> {
  const files = [target, `${target}.txlog`, ...readdirSync(join(dir, 'target', 'assets')).map((name) => join(dir, 'target', 'assets', name))]
  return Object.fromEntries(files.map((file) => [file, existsSync(file) ? readFileSync(file).toString('base64') : '']))
}

/** Unpacks the good archive, lets `damage` change the unpacked folder, and packs it again under `name`. */
async function damaged(name: string, damage: (exportFolder: string) => void): Promise<string> {
  const work = await mkdtemp(join(dir, 'unpacked-'))
  await extract({file: archive, cwd: work})
  damage(join(work, folder))
  const file = join(dir, name)
  await create({gzip: true, cwd: work, file, portable: true}, [folder])
  return file
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-corrupt-'))
  // A small dataset with an uploaded-style image asset (file in assets/) and an author whose avatar uses it.
  const source = join(dir, 'source', 'production.ndjson')
  const png = makePng(4, 3)
  const sha1 = (await import('node:crypto')).createHash('sha1').update(png).digest('hex')
  await mkdir(join(dir, 'source', 'assets'), {recursive: true})
  await writeFile(join(dir, 'source', 'assets', `${sha1}-4x3.png`), png)
  const lake = await LocalLake.open(source, {createIfMissing: true})
  const path = `images/chinadesk-local/production/${sha1}-4x3.png`
  await lake.mutate([
    {create: {_id: 'section.news', _type: 'section', title: 'News'}},
    {create: {_id: `image-${sha1}-4x3-png`, _type: 'sanity.imageAsset', assetId: sha1, sha1hash: sha1, size: png.length, extension: 'png', mimeType: 'image/png', path, url: `https://localhost:3434/${path}`, metadata: {dimensions: {width: 4, height: 3, aspectRatio: 4 / 3}}}},
    {create: {_id: 'author.li', _type: 'author', name: 'Li Wei', avatar: {_type: 'imageWithAlt', alt: 'Li Wei', asset: {_type: 'reference', _ref: `image-${sha1}-4x3-png`}}}},
  ])
  await lake.close()
  archive = join(dir, 'good.tar.gz')
  await exportLocalDataset({datasetFile: source, outputFile: archive, dataset: 'production'})
  const unpacked = await mkdtemp(join(dir, 'peek-'))
  await extract({file: archive, cwd: unpacked})
  folder = readdirSync(unpacked)[0]

  // The dataset the broken archives are loaded into: already holds a document and an asset file.
  target = join(dir, 'target', 'production.ndjson')
  await mkdir(join(dir, 'target', 'assets'), {recursive: true})
  await writeFile(join(dir, 'target', 'assets', 'kept.png'), png)
  const existing = await LocalLake.open(target, {createIfMissing: true})
  await existing.mutate([{create: {_id: 'section.kept', _type: 'section', title: 'Kept'}}])
  await existing.close()
}, 60_000)

afterAll(() => rm(dir, {recursive: true, force: true}))

describe('loading a damaged Sanity export', () => {
  it('a truncated gzip names the archive and changes nothing', async () => {
    const bytes = readFileSync(archive)
    const truncated = join(dir, 'truncated.tar.gz')
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const before = snapshot()
    const result = await importArchive(truncated)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${truncated}: not a complete gzip archive (unexpected end of file)`)
    expect(snapshot()).toEqual(before)
  }, 60_000)

  it('a data.ndjson line that is not JSON names the archive, file and line, and changes nothing', async () => {
    const broken = await damaged('bad-line.tar.gz', (exportFolder) => {
      const lines = readFileSync(join(exportFolder, 'data.ndjson'), 'utf8').split('\n')
      lines[1] = lines[1].slice(0, 20)
      writeFileSync(join(exportFolder, 'data.ndjson'), lines.join('\n'))
    })
    const before = snapshot()
    const result = await importArchive(broken)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`bad-line.tar.gz › ${folder}/data.ndjson:2: not valid JSON`)
    expect(snapshot()).toEqual(before)
  }, 60_000)

  it('an asset reference whose file is missing names the line, document and file, and changes nothing', async () => {
    let authorLine = 0
    let imageName = ''
    const broken = await damaged('missing-asset.tar.gz', (exportFolder) => {
      const lines = readFileSync(join(exportFolder, 'data.ndjson'), 'utf8').split('\n')
      authorLine = lines.findIndex((line) => line.includes('"author.li"')) + 1
      imageName = readdirSync(join(exportFolder, 'images'))[0]
      rmSync(join(exportFolder, 'images', imageName))
    })
    const before = snapshot()
    const result = await importArchive(broken)
    expect(result.code).toBe(1)
    expect(authorLine).toBeGreaterThan(0)
    expect(result.stderr).toContain(
      `missing-asset.tar.gz › ${folder}/data.ndjson:${authorLine}: document "author.li" at avatar: refers to images/${imageName}, which is not in the export`,
    )
    expect(snapshot()).toEqual(before)
  }, 60_000)

  it('a document that fails Sanity validation stops the load, naming line, document and field', async () => {
    let authorLine = 0
    const invalid = await damaged('invalid.tar.gz', (exportFolder) => {
      const lines = readFileSync(join(exportFolder, 'data.ndjson'), 'utf8').split('\n')
      authorLine = lines.findIndex((line) => line.includes('"author.li"')) + 1
      lines[authorLine - 1] = lines[authorLine - 1].replace('"name":"Li Wei",', '')
      writeFileSync(join(exportFolder, 'data.ndjson'), lines.join('\n'))
    })
    const before = snapshot()
    await expect(loadSanityExport({input: invalid, datasetFile: target})).rejects.toThrow(
      new RegExp(`line ${authorLine}: author\\.li name: .*[\\s\\S]*nothing was loaded|nothing was loaded[\\s\\S]*line ${authorLine}: author\\.li name: `),
    )
    expect(snapshot()).toEqual(before)
  }, 180_000)
})
