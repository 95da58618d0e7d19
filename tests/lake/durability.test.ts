/**
 * Durability and sharing: committed writes survive reopening, a torn last log line (a crash mid-append) is
 * ignored and cut off by the next write, compaction keeps content and leaves a plain importable NDJSON file,
 * and several LocalLake instances or processes on one file see each other's writes without losing any.
 */
import {execFile} from 'node:child_process'
import {appendFileSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {tempDir, writeNdjson} from './tempLake'

const dir = tempDir('durability')
let n = 0
const freshFile = () => writeNdjson(join(dir, `d${++n}.ndjson`), [{_id: 'counter', _type: 'counter', value: 0}])
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean)

describe('durability', () => {
  it('reopening replays committed transactions from the log', async () => {
    const file = freshFile()
    const lake = await LocalLake.open(file)
    await lake.mutate([{patch: {id: 'counter', inc: {value: 2}}}])
    await lake.mutate([{create: {_id: 'note', _type: 'note', text: '中文'}}])
    expect(lines(file)).toHaveLength(1)
    expect(lines(`${file}.txlog`)).toHaveLength(2)
    const reopened = await LocalLake.open(file)
    expect(reopened.allDocuments()).toEqual(lake.allDocuments())
    expect((await reopened.getDocument('note'))!.text).toBe('中文')
  })

  it('ignores a torn last log line, and the next write cuts it off', async () => {
    const file = freshFile()
    const lake = await LocalLake.open(file)
    await lake.mutate([{patch: {id: 'counter', set: {value: 1}}}])
    const committed = readFileSync(`${file}.txlog`, 'utf8')
    appendFileSync(`${file}.txlog`, committed.slice(0, Math.floor(committed.length / 2)).replace('"value":1', '"value":99'))

    const afterCrash = await LocalLake.open(file)
    expect((await afterCrash.getDocument('counter'))!.value).toBe(1)
    await afterCrash.mutate([{patch: {id: 'counter', inc: {value: 1}}}])
    const log = lines(`${file}.txlog`)
    expect(log).toHaveLength(2)
    for (const line of log) expect(() => JSON.parse(line)).not.toThrow()
    expect((await (await LocalLake.open(file)).getDocument('counter'))!.value).toBe(2)
  })

  it('reports a corrupt line in the middle of the log by file', async () => {
    const file = freshFile()
    writeFileSync(`${file}.txlog`, '{"t":"x","ts":"2025-01-01T00:00:00Z","docs":[]}\nnot json\n{"t":"y","ts":"2025-01-01T00:00:00Z","docs":[]}\n')
    await expect(LocalLake.open(file)).rejects.toThrow(/d\d+\.ndjson\.txlog \(byte 48\): transaction log line is not valid JSON/)
  })

  it('compaction folds the log into a plain NDJSON file atomically and keeps the content', async () => {
    const file = freshFile()
    const lake = await LocalLake.open(file)
    await lake.mutate([{create: {_id: 'a', _type: 'note'}}, {patch: {id: 'counter', inc: {value: 5}}}])
    await lake.mutate([{delete: {id: 'a'}}, {create: {_id: 'b', _type: 'note', body: [{_key: 'k', text: 'x'}]}}])
    const before = lake.allDocuments()
    const inode = statSync(file).ino
    await lake.compact()
    expect(statSync(file).ino).not.toBe(inode)
    expect(statSync(`${file}.txlog`).size).toBe(0)
    expect(lines(file).map((line) => JSON.parse(line))).toEqual(before)
    expect((await LocalLake.open(file)).allDocuments()).toEqual(before)
  })

  it('compacts automatically once the log passes the threshold', async () => {
    const file = freshFile()
    const lake = await LocalLake.open(file, {compactThresholdBytes: 600})
    for (let i = 0; i < 6; i++) await lake.mutate([{patch: {id: 'counter', inc: {value: 1}}}])
    expect(statSync(`${file}.txlog`).size).toBeLessThan(600)
    expect(JSON.parse(lines(file)[0]).value).toBeGreaterThanOrEqual(3)
    expect((await LocalLake.open(file)).allDocuments()[0].value).toBe(6)
  })

  it('replays harmlessly after a crash between the compaction rename and the log truncation', async () => {
    const file = freshFile()
    const lake = await LocalLake.open(file)
    await lake.mutate([{patch: {id: 'counter', inc: {value: 1}}}, {create: {_id: 'x', _type: 'note'}}])
    await lake.mutate([{delete: {id: 'x'}}])
    const log = readFileSync(`${file}.txlog`)
    await lake.compact()
    writeFileSync(`${file}.txlog`, log)
    expect((await LocalLake.open(file)).allDocuments()).toEqual(lake.allDocuments())
  })
})

describe('sharing one file', () => {
  it('two instances see each other’s writes, including across a compaction', async () => {
    const file = freshFile()
    const [a, b] = [await LocalLake.open(file), await LocalLake.open(file)]
    await a.mutate([{patch: {id: 'counter', inc: {value: 1}}}])
    expect(await b.fetch('*[_id == "counter"][0].value')).toBe(1)
    await b.mutate([{patch: {id: 'counter', inc: {value: 10}}}])
    expect((await a.getDocument('counter'))!.value).toBe(11)
    await b.compact()
    await b.mutate([{create: {_id: 'after', _type: 'note'}}])
    expect(await a.fetch('*[_type == "note"]._id')).toEqual(['after'])
    await Promise.all([a.mutate([{patch: {id: 'counter', inc: {value: 1}}}]), b.mutate([{patch: {id: 'counter', inc: {value: 1}}}])])
    expect((await a.getDocument('counter'))!.value).toBe(13)
  })

  it('a second process writing concurrently loses no transaction (lock file + catch-up)', {timeout: 60_000}, async () => {
    const file = freshFile()
    const lake = await LocalLake.open(file, {compactThresholdBytes: 4000})
    const child = promisify(execFile)(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'writerProcess.ts'), file, '100'])
    let childDone = false
    void child.finally(() => (childDone = true)).catch(() => undefined)
    let mine = 0
    while (!childDone || mine < 25) {
      await lake.mutate([{patch: {id: 'counter', inc: {value: 1}}}])
      mine++
      // A lock that is free is taken without a timer, so give the event loop a turn to notice the child's exit.
      await new Promise((resolve) => setImmediate(resolve))
    }
    await child
    expect((await lake.getDocument('counter'))!.value).toBe(mine + 100)
    expect(await lake.fetch('count(*[_type == "mark"])')).toBe(100)
    expect((await LocalLake.open(file)).allDocuments()).toEqual(lake.allDocuments())
  })

  it('tells listeners about another instance’s writes, also when they arrive through a compaction', async () => {
    const file = freshFile()
    const [a, b] = [await LocalLake.open(file), await LocalLake.open(file)]
    const seen: string[] = []
    a.listen((event) => seen.push(`${event.documentId}:${event.transition}`))
    await b.mutate([{create: {_id: 'one', _type: 'note'}}])
    await a.fetch('count(*)')
    expect(seen).toEqual(['one:appear'])
    await b.mutate([{create: {_id: 'two', _type: 'note'}}, {delete: {id: 'one'}}])
    await b.mutate([{patch: {id: 'counter', inc: {value: 1}}}])
    await b.compact()
    await a.fetch('count(*)')
    expect(seen.slice(1).sort()).toEqual(['counter:update', 'one:disappear', 'two:appear'])
  })

  it('takes over a lock left behind by a dead process', async () => {
    const file = freshFile()
    writeFileSync(`${file}.lock`, '999999')
    const lake = await LocalLake.open(file)
    await lake.mutate([{patch: {id: 'counter', inc: {value: 1}}}])
    expect((await lake.getDocument('counter'))!.value).toBe(1)
  })
})
