/**
 * Bad legacy input: each case is a clear error naming the file (and field where there is one), a
 * non-zero exit from the CLI, and a dataset left byte-for-byte as it was. The CLI cases run
 * `scripts/import.ts` with tsx in a child process, as an editor would.
 */
import {execFile} from 'node:child_process'
import {copyFile, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {beforeAll, describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {BUNDLED, copyBundled, datasetSnapshot, importInto, REPO, sourceParagraphs, tempDir} from './importFixtures'

let dir: string
let datasetFile: string
let seeded: Record<string, string | null>

beforeAll(async () => {
  dir = await tempDir('importer-bad-')
  datasetFile = join(dir, 'production.ndjson')
  await importInto(datasetFile, [BUNDLED])
  seeded = datasetSnapshot(datasetFile)
})

async function runCli(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const {stdout, stderr} = await promisify(execFile)('npx', ['tsx', 'scripts/import.ts', '--dataset-file', datasetFile, ...args], {cwd: REPO})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code: number; stdout: string; stderr: string}
    return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr}
  }
}

async function expectRejected(inputs: string[], message: RegExp) {
  await expect(importInto(datasetFile, inputs)).rejects.toThrow(message)
  expect(datasetSnapshot(datasetFile)).toEqual(seeded)
}

describe('bad input through the CLI', () => {
  it('an empty file: exit 1, names the file, dataset unchanged', {timeout: 120_000}, async () => {
    const file = join(dir, 'empty.txt')
    await writeFile(file, '')
    const result = await runCli([file])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${file}: the file is empty`)
    expect(datasetSnapshot(datasetFile)).toEqual(seeded)
  })

  it('a binary file: exit 1, names the file, dataset unchanged', {timeout: 120_000}, async () => {
    const file = join(dir, 'photo.txt')
    await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]))
    const result = await runCli([file])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${file}: the file is binary`)
    expect(datasetSnapshot(datasetFile)).toEqual(seeded)
  })
})

describe('bad input through the library', () => {
  it('a text file with no title line', async () => {
    const file = join(dir, 'untitled.txt')
    await writeFile(file, '\nFirst paragraph without a title.\n\nSecond paragraph.\n')
    await expectRejected([file], new RegExp(`${file}: no title: the first line is empty`))
  })

  it('HTML with scripts is refused; --force strips them and reports what was dropped', async () => {
    const file = join(dir, 'scripted.html')
    await writeFile(file, '<html><head><title>Scripted page</title><style>p{color:red}</style></head><body><p>Huawei ships a phone.</p><script>track()</script></body></html>')
    await expectRejected([file], new RegExp(`${file}: the HTML contains 1 <script> element`))

    const forcedDataset = join(await tempDir(), 'forced.ndjson')
    const report = await importInto(forcedDataset, [file], {force: true})
    expect(report.dropped.map((entry) => entry.reason)).toEqual(expect.arrayContaining(['script stripped', 'style stripped']))
    const lake = await LocalLake.open(forcedDataset)
    const [draft] = await lake.fetch<{body: {children: {text: string}[]}[]}[]>('*[_type == "article"]', {}, {perspective: 'raw'})
    expect(JSON.stringify(draft.body)).not.toContain('track()')
    expect(draft.body[0].children.map((span) => span.text).join('')).toBe('Huawei ships a phone.')
  })

  it('two sources with the same legacy id in one run', async () => {
    const first = await copyBundled(join(dir), 'copy-one')
    const second = await copyBundled(join(dir), 'copy-two')
    await expectRejected([first, second], /duplicate legacy id "dao-insights\/microsoft-claws-back-chinese-market"/)
    await expect(importInto(datasetFile, [first, second])).rejects.toThrow(new RegExp(`${second}: duplicate legacy id`))
  })

  it('a legacy id the dataset already holds on another article', async () => {
    const sub = await tempDir('importer-dup-')
    const file = await copyBundled(sub, 'renamed')
    const manifest = (await readFile(join(sub, 'renamed.manifest.yaml'), 'utf8')).replace('slug: microsoft-claws-back-chinese-market', 'slug: another-slug')
    await writeFile(join(sub, 'renamed.manifest.yaml'), manifest)
    await expectRejected([file], /the dataset already has it on article\.microsoft-claws-back-chinese-market/)
  })

  it('a manifest naming an unknown entity names the manifest and the field', async () => {
    const sub = await tempDir('importer-unknown-')
    const file = await copyBundled(sub, 'article')
    const manifestFile = join(sub, 'article.manifest.yaml')
    await writeFile(manifestFile, (await readFile(manifestFile, 'utf8')).replace('speaker: peter-navarro', 'speaker: peter-navaro'))
    await expectRejected([file], new RegExp(`${manifestFile}: quotes\\[0\\]\\.speaker: names the unknown interviewSource "peter-navaro"`))
  })

  it('a document failing schema validation stops the import with id, path and message; --force imports it', async () => {
    const sub = await tempDir('importer-invalid-')
    const file = await copyBundled(sub, 'article')
    const manifestFile = join(sub, 'article.manifest.yaml')
    await writeFile(manifestFile, (await readFile(manifestFile, 'utf8')).replace('website: https://www.microsoft.com', 'website: ftp://microsoft.example'))
    await expectRejected([file], new RegExp(`${manifestFile}: company\\.microsoft at website: `))

    const forcedDataset = join(await tempDir(), 'forced.ndjson')
    const report = await importInto(forcedDataset, [file], {force: true})
    expect(report.forced).toBe(true)
    expect(report.forcedProblems).toEqual([expect.objectContaining({documentId: 'company.microsoft', path: 'website', file: manifestFile})])
    expect(report.totals.created).toBe(17)
  })
})

describe('an article without a manifest', () => {
  it('becomes a draft listing the missing fields, its body whole and linked to known entities', async () => {
    const sub = await tempDir('importer-draft-')
    const file = join(sub, 'no-manifest.txt')
    await copyFile(BUNDLED, file)
    const report = await importInto(datasetFile, [file])
    expect(report.drafts).toEqual([{id: 'drafts.article.microsoft-claws-back-chinese-market-leveraging-health-and-life-science-cloud-services', file, missingFields: ['publishedAt', 'authors']}])
    const lake = await LocalLake.open(datasetFile)
    const draft = await lake.getDocument(report.drafts[0].id)
    const body = draft?.body as {markDefs: {_type: string; company?: {_ref: string}}[]; children: {text: string}[]}[]
    expect(body.map((block) => block.children.map((span) => span.text).join(''))).toEqual(sourceParagraphs())
    expect(body[0].markDefs).toEqual([expect.objectContaining({_type: 'companyMention', company: {_type: 'reference', _ref: 'company.microsoft'}})])
    await lake.close()
  })
})
