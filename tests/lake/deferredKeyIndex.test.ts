/**
 * A first open on worker threads writes the key index after it returned (`writeKeyIndexLater`): a lake closed
 * right after its open still leaves a complete index the next open trusts, and a process killed while the index
 * is being written leaves none that is trusted (the next open scans and answers the same).
 */
import {execFile} from 'node:child_process'
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {tempDir, writeNdjson} from './tempLake'

const dir = tempDir('deferred-index')
const parallel = {keyIndexMinBytes: 0, parallelScanMinBytes: 0, scanWorkers: 2, scanBlockBytes: 4096}
const QUERY = '*[_type == "article" && references($section)] | order(publishedAt desc) {_id, title, "slug": slug.current}'

function dataset(): object[] {
  const docs: object[] = [{_id: 'section.tech', _type: 'section', title: 'Tech'}]
  for (let i = 0; i < 300; i++) {
    docs.push({
      _id: `article.a${i}`,
      _type: 'article',
      title: `第${i}篇 Article ${i}`,
      slug: {_type: 'slug', current: `a${i}`},
      publishedAt: `2025-02-${String(1 + (i % 28)).padStart(2, '0')}T00:00:${String(i % 60).padStart(2, '0')}Z`,
      section: {_type: 'reference', _ref: i % 3 ? 'section.tech' : 'section.other'},
      body: 'text '.repeat(i % 200),
    })
  }
  return docs
}

async function openAndAnswer(file: string): Promise<{keysFrom: string; answer: unknown; lake: LocalLake}> {
  const lake = await LocalLake.open(file, parallel)
  return {keysFrom: lake.loadedKeysFrom, answer: await lake.fetch(QUERY, {section: 'section.tech'}), lake}
}

describe('deferred key index write', () => {
  it('a lake closed right after its first open leaves a complete index the next open trusts', async () => {
    const file = writeNdjson(join(dir, 'closed.ndjson'), dataset())
    const lake = await LocalLake.open(file, parallel)
    expect(lake.loadedScanThreads).toBe(2)
    await lake.close()
    expect(existsSync(`${file}.index`)).toBe(true)
    const first = await openAndAnswer(file)
    await first.lake.close()
    expect(first.keysFrom).toBe('index')
    expect((first.answer as unknown[]).length).toBe(200)
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.includes('.tmp.'))).toEqual([])
  })

  it('a process killed while writing it leaves no index that is trusted', {timeout: 60_000}, async () => {
    const file = writeNdjson(join(dir, 'killed.ndjson'), dataset())
    const child = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'deferredIndexWriter.ts'), file]).then(
      () => ({signal: null, stdout: ''}),
      (error: {signal: string | null; stdout: string}) => error,
    )
    expect(child.signal).toBe('SIGKILL')
    // Killed with the temp file there and nothing renamed: the index is absent, and the next open scans.
    expect(child.stdout.trim()).toBe('temp')
    expect(existsSync(`${file}.index`)).toBe(false)
    const scanned = await openAndAnswer(file)
    expect(scanned.keysFrom).toBe('scan')
    await scanned.lake.close()
    const indexed = await openAndAnswer(file)
    expect(indexed.keysFrom).toBe('index')
    expect(indexed.answer).toEqual(scanned.answer)
    await indexed.lake.close()
  })
})
