/**
 * A first open's workers write each block's key index segment straight from its lines' bytes
 * (`lake/store/segmentBuilder.ts`, `segmentRowWriters.ts`, `lineBlock.scanBlockRows`). The plain path is
 * `encodeSegment` over `keysOfDocument(JSON.parse(line))`: for random datasets (shared and unique strings, Chinese
 * and 4-byte characters, escapes, bytes that are not UTF-8, U+0000 in keys, numbers and literals where strings are
 * usual, refused lines) cut into blocks at every kind of place, each segment must be byte for byte the plain one,
 * read back (ASCII strings first, decoded as two texts) to every line's keys, and a string UTF-8 cannot carry must
 * give no segment on both paths.
 */
import {closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {seededRandom} from '../../scripts/bench/seededRandom'
import {keysOfDocument} from '../../lake/store/indexKeys'
import {encodeSegment, readSegmentRows, type EncodedSegment, type IndexedLine} from '../../lake/store/keyIndexSegment'
import {scanBlock, scanBlockRows} from '../../lake/store/lineBlock'
import {SegmentBuilder} from '../../lake/store/segmentBuilder'

const folder = mkdtempSync(join(tmpdir(), 'segment-scan-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

const random = seededRandom
type Random = ReturnType<typeof seededRandom>

/** Markers replaced in a line's JSON text: escapes JSON.parse decodes, and raw bytes that are not UTF-8. */
const ESCAPES: Record<string, string> = {'~E': '\\u00e9', '~N': '\\n', '~Z': '\\u0000', '~P': '\\ud83d\\ude00', '~A': '\\u0061'}
const BAD_BYTES: Record<string, number[]> = {'~F': [0xff], '~T': [0xe4, 0xb8], '~S': [0xed, 0xa0, 0x80]}
const TEXT = ['a', 'company.c1', '中国', '字节跳动 ByteDance', '😀', 'x~Ey', 'line~Nbreak', 'nul~Z', '~P pair', 'comp~Any.c1', 'bad~F', 'cut~T', 'sur~S', 'bad\ufffd', '']
const SHARED = ['company.c1', 'company.c2', 'section.tech', '公司.c3', 'comp~Any.c1', 'bad~F', 'bad\ufffd', 'nul~Z', '😀.c4', '']
const STAMPS = ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '时间', 'x~Ey']

function scalar(r: Random, strings: readonly string[]): unknown {
  const roll = r.next()
  if (roll < 0.7) return r.pick(strings)
  if (roll < 0.85) return r.pick([0, -0, 1, 2.5, 1e21, -7])
  if (roll < 0.95) return r.pick([true, false, null])
  return r.chance(0.5) ? {x: 1} : [1]
}

function documentText(r: Random, n: number, lone: boolean): string {
  const doc: Record<string, unknown> = {_id: `doc.${n}${r.pick(['', '', '.中', '.😀', '~A', '~Z', '~F'])}`}
  if (r.chance(0.9)) doc._type = r.chance(0.9) ? r.pick(['article', 'company', '文章', 'x~Ey']) : scalar(r, TEXT)
  if (r.chance(0.7)) doc._rev = `rev${n}${r.pick(['', '中', '~E'])}`
  if (r.chance(0.8)) doc.slug = r.chance(0.9) ? {_type: 'slug', current: r.chance(0.8) ? `s-${n}${r.pick(['', '中', '~P'])}` : scalar(r, TEXT)} : [{current: 'no'}]
  for (const field of ['title', 'name', 'publishedAt', 'updatedAt']) if (r.chance(0.6)) doc[field] = scalar(r, TEXT)
  for (const field of ['_createdAt', '_updatedAt']) if (r.chance(0.7)) doc[field] = scalar(r, STAMPS)
  if (r.chance(0.2)) doc._score = r.pick([1, 'x'])
  if (r.chance(0.6)) doc.section = {_type: 'reference', _ref: r.pick(SHARED)}
  // Thousands of same-length ids: a whole-file segment's shared table probes past equal-length strings and grows.
  if (r.chance(0.5)) doc.authors = Array.from({length: Math.floor(r.next() * 4)}, () => ({_ref: r.chance(0.5) ? r.pick(SHARED) : `author.${String(Math.floor(r.next() * 4000)).padStart(4, '0')}`}))
  if (r.chance(0.4)) doc.body = [{markDefs: [{company: {_ref: r.pick(SHARED)}}], children: [{text: r.pick(TEXT)}]}, {_ref: r.pick(SHARED), inner: {_ref: 'dropped'}}]
  if (lone && r.chance(0.02)) doc.title = 'lone~L'
  let text = JSON.stringify(doc)
  // A repeated key now and then: the scanner leaves the line to JSON.parse.
  if (r.chance(0.05)) text = text.replace(/}$/, ',"_type":"again"}')
  for (const [marker, escape] of Object.entries(ESCAPES)) text = text.replaceAll(marker, escape)
  return text.replaceAll('~L', '\\udc00')
}

/** A dataset file of `count` lines (blank and CRLF lines among them). */
function datasetFile(seed: number, count: number, lone = false): string {
  const r = random(seed)
  const parts: Buffer[] = []
  for (let n = 0; n < count; n++) {
    let line = Buffer.from(documentText(r, n, lone))
    for (const [marker, bytes] of Object.entries(BAD_BYTES)) {
      for (let at = line.indexOf(marker); at >= 0; at = line.indexOf(marker)) line = Buffer.concat([line.subarray(0, at), Buffer.from(bytes), line.subarray(at + marker.length)])
    }
    parts.push(line, Buffer.from(r.chance(0.05) ? '\r\n' : r.chance(0.03) ? '\n\n' : '\n'))
  }
  const file = join(folder, `d${seed}.ndjson`)
  writeFileSync(file, Buffer.concat(parts))
  return file
}

/** Every block's segment both ways, for blocks of `blockBytes`, with one builder across them as a worker keeps it. */
function compareBlocks(file: string, size: number, blockBytes: number, builder: SegmentBuilder): {blocks: number; segments: number} {
  const fd = openSync(file, 'r')
  let segments = 0
  try {
    const blocks = Math.ceil(size / blockBytes)
    for (let block = 0; block < blocks; block++) {
      const from = block * blockBytes
      const to = Math.min(size, from + blockBytes)
      const lines: IndexedLine[] = []
      scanBlock(fd, size, from, to, (doc, start, end) => lines.push({keys: keysOfDocument(doc, {intern: false}), start, end}))
      const plain = encodeSegment(lines, from)
      scanBlockRows(fd, size, from, to, builder)
      const built = builder.finish()
      expect(built === undefined, `block ${block}: a segment on one path only`).toBe(plain === undefined)
      if (!plain || !built) continue
      expect(built.shape, `block ${block}`).toEqual(plain.shape)
      expect(Buffer.compare(Buffer.from(built.body), Buffer.from(plain.body)), `block ${block}: bytes`).toBe(0)
      expectKeysRead(built, lines, size)
      segments++
    }
    return {blocks, segments}
  } finally {
    closeSync(fd)
  }
}

/** -0 and 0 share a segment's number table, as they always did: compared as equal. */
const sortValuesOf = (values: readonly unknown[]) => values.map((value) => (value === 0 ? 0 : value))

/** Reading the segment back (ASCII strings first, two decoded texts) gives every line's keys, and finds them by text. */
function expectKeysRead(segment: EncodedSegment, lines: IndexedLine[], size: number): void {
  const read: unknown[] = []
  const found: string[] = []
  const end = readSegmentRows(segment.body, segment.shape, 0, size, (id, rows, row, hasSeparatorKey, start, stop) => {
    read.push({id, type: rows.type(row), slug: rows.slug(row), rev: rows.rev(row), references: rows.references(row), fieldRefs: rows.fieldRefs(row), sortValues: sortValuesOf(rows.sortValues(row)), hasOwnScore: rows.hasOwnScore(row), hasSeparatorKey, start, stop})
    for (const key of [id, rows.type(row), rows.slug(row), ...rows.fieldRefs(row)]) {
      if (!key) continue
      const positions = rows.positionsOf(key)
      if (positions.length === 0 || positions.some((position) => rows.string(position) !== key)) found.push(key)
    }
  })
  expect(end).toBeGreaterThanOrEqual(0)
  expect(read).toEqual(lines.map(({keys, start, end}) => ({...keys, sortValues: sortValuesOf(keys.sortValues), start, stop: end})))
  expect(found, 'keys positionsOf missed or found wrongly').toEqual([])
}

describe('segments written from line bytes', () => {
  const builder = new SegmentBuilder()

  it('are byte for byte the plain path’s for random datasets, in blocks of every size', () => {
    for (const seed of [1, 2]) {
      const file = datasetFile(seed, 1200)
      const size = statSync(file).size
      for (const blockBytes of [size, 16384, 3001]) {
        const {blocks, segments} = compareBlocks(file, size, blockBytes, builder)
        expect(segments).toBe(blocks)
      }
    }
  })

  it('store each shared string once, telling apart thousands of the same length whichever way they come', () => {
    builder.reset(0)
    const ids = Array.from({length: 20000}, (_, i) => `author.${String(i).padStart(5, '0')}`)
    const positions = ids.map((id) => builder.strings.sharedString(id))
    expect(new Set(positions).size).toBe(ids.length)
    const again = ids.map((id) => builder.strings.sharedBytes(Buffer.from(`"${id}"`), 1, id.length + 1))
    expect(again).toEqual(positions)
  })

  it('give no segment where a string has a lone surrogate, as the plain path, and go on after it', () => {
    const file = datasetFile(4, 400, true)
    const size = statSync(file).size
    const {blocks, segments} = compareBlocks(file, size, 4096, builder)
    expect(segments).toBeGreaterThan(0)
    expect(segments).toBeLessThan(blocks)
  })
})
