/**
 * Issue 10's importer holes: an unsafe link is never stored, however it is disguised (refused without
 * `--force`; under `--force` the annotation is dropped, the text kept, and both are reported); an
 * oversized source is refused before parsing, naming the file and the limit; and two imports of the
 * same articles started at the same moment report what each actually did.
 */
import {execFile} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {isUnsafeHref} from '../../importer'
import {BUNDLED, datasetSnapshot, importInto, REPO, tempDir} from './importFixtures'

/** Every disguise of a script URL as it would appear in an HTML attribute, and what a browser makes of it. */
const UNSAFE_HREFS_IN_HTML = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(2)',
  '  javascript:alert(3)',
  '\tjavascript:alert(4)',
  'java\tscript:alert(5)',
  '&#106;avascript:alert(6)',
  '&#x6A;avascript:alert(7)',
  'javascript&colon;alert(8)',
  '&amp;#106;avascript:alert(9)',
  '%6Aavascript:alert(10)',
  '&#1;javascript:alert(11)',
  'java&#10;script:alert(12)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=',
  'DATA:text/html,<script>alert(14)</script>',
  'vbscript:msgbox(15)',
  '\u200Bjavascript:alert(16)',
]

function htmlWithLinks(): string {
  const links = UNSAFE_HREFS_IN_HTML.map((href, index) => `<a href="${href.replace(/"/g, '&quot;')}">unsafe ${index}</a>`)
  return `<html><head><title>Links of every kind</title></head><body>
<p>Safe: <a href="https://example.com/report">the report</a>. ${links.join(', ')}.</p>
<p>More text so the article has a body.</p></body></html>`
}

describe('unsafe links', () => {
  it('recognises each disguise once decoded, and leaves web, mail and relative links alone', () => {
    for (const href of ['javascript:alert(1)', 'JAVASCRIPT:x', ' \u0000javascript:x', 'java\nscript:x', 'jav&#x09;ascript:x', '&#0000106avascript:x', 'vbscript:x', 'data:,x', '%20javascript:x']) {
      expect(isUnsafeHref(href), href).toBe(true)
    }
    for (const href of ['https://example.com/javascript:x', 'http://x', 'mailto:desk@example.com', '/companies/microsoft', '#top', 'javascript-guide.html']) {
      expect(isUnsafeHref(href), href).toBe(false)
    }
  })

  it('make an HTML source an error naming the file, unless --force', async () => {
    const dir = await tempDir()
    const file = join(dir, 'links.html')
    await writeFile(file, htmlWithLinks())
    const datasetFile = join(dir, 'production.ndjson')
    await expect(importInto(datasetFile, [file])).rejects.toThrow(new RegExp(`${file}: the HTML contains ${UNSAFE_HREFS_IN_HTML.length} unsafe link`))
    expect(datasetSnapshot(datasetFile)).toEqual({[datasetFile]: null, [`${datasetFile}.txlog`]: null})
  })

  it('under --force lose their annotation, keep their text, and are reported; the safe link stays', async () => {
    const dir = await tempDir()
    const file = join(dir, 'links.html')
    await writeFile(file, htmlWithLinks())
    const datasetFile = join(dir, 'production.ndjson')
    const report = await importInto(datasetFile, [file], {force: true})
    expect(report.dropped.filter((entry) => entry.reason.startsWith('unsafe link'))).toHaveLength(UNSAFE_HREFS_IN_HTML.length)

    const lake = await LocalLake.open(datasetFile)
    const article = (await lake.fetch<{body: {markDefs: {_type: string; href?: string}[]; children: {text: string}[]}[]}[]>('*[_type == "article"]', {}, {perspective: 'raw'}))[0]
    await lake.close()
    const markDefs = article.body.flatMap((block) => block.markDefs ?? [])
    expect(markDefs.filter((markDef) => markDef._type === 'link')).toEqual([expect.objectContaining({href: 'https://example.com/report'})])
    expect(JSON.stringify(article)).not.toMatch(/javascript|vbscript|data:/i)
    const text = article.body.map((block) => block.children.map((child) => child.text).join('')).join('\n')
    for (let index = 0; index < UNSAFE_HREFS_IN_HTML.length; index++) expect(text).toContain(`unsafe ${index}`)
  })
})

describe('source size', () => {
  it('a text file over the limit is refused before parsing, naming the file and the limit', async () => {
    const dir = await tempDir()
    const file = join(dir, 'huge.txt')
    await writeFile(file, `A title\n\n${'word '.repeat(1_100_000)}`)
    const datasetFile = join(dir, 'production.ndjson')
    await expect(importInto(datasetFile, [file])).rejects.toThrow(`${file}: the file is 5.2 MB, over the 4 MB limit for a text source`)
    expect(datasetSnapshot(datasetFile)).toEqual({[datasetFile]: null, [`${datasetFile}.txlog`]: null})
  })
})

describe('two imports at once', () => {
  it('report truthfully: one created the documents, the other found them unchanged', {timeout: 300_000}, async () => {
    const datasetFile = join(await tempDir(), 'production.ndjson')
    const run = () =>
      promisify(execFile)('npx', ['tsx', 'scripts/import.ts', BUNDLED, '--dataset-file', datasetFile, '--json'], {cwd: REPO})
        .then(({stdout}) => JSON.parse(stdout) as {totals: {created: number; updated: number; unchanged: number}})
    const reports = await Promise.all([run(), run()])
    const created = reports.map((report) => report.totals.created).sort()
    expect(created).toEqual([0, 17])
    expect(reports.map((report) => report.totals.unchanged).sort()).toEqual([0, 17])
    const lake = await LocalLake.open(datasetFile)
    expect(lake.allDocuments()).toHaveLength(17)
    await lake.close()
  })
})
