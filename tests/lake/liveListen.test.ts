/**
 * A listening lake hears other processes' commits as they land, without reading (the Studio stand-in relies on
 * it instead of polling): through the log, and through a compaction that replaces the file.
 */
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {LocalLake} from '../../lake'
import {tempDir, writeNdjson} from './tempLake'

const dir = tempDir('live-listen')

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a listener event')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('listen() without reading', () => {
  it('hears another instance’s commits and compactions as they happen', async () => {
    const file = writeNdjson(join(dir, 'live.ndjson'), [{_id: 'counter', _type: 'counter', value: 0}])
    const [listener, writer] = [await LocalLake.open(file), await LocalLake.open(file)]
    const seen: string[] = []
    const stop = listener.listen((event) => seen.push(`${event.documentId}:${event.transition}`))
    await writer.mutate([{create: {_id: 'one', _type: 'note'}}])
    await until(() => seen.length === 1)
    expect(seen).toEqual(['one:appear'])
    await writer.mutate([{patch: {id: 'counter', inc: {value: 1}}}])
    await writer.compact()
    await writer.mutate([{delete: {id: 'one'}}])
    await until(() => seen.length === 3)
    expect(seen.slice(1)).toEqual(['counter:update', 'one:disappear'])
    stop()
    await Promise.all([listener.close(), writer.close()])
  })
})
