/**
 * The byte-level key scanner of a first open (`lake/store/lineKeyScanner.ts`) against the path it replaces,
 * `keysOfDocument(parseDocument(line))`: over random documents spelled every way JSON allows (repeated keys,
 * escapes in keys and values, odd number spellings, whitespace, nesting, `_ref`s of every kind, invalid UTF-8 in
 * strings) and over random damage to them, a line the scanner answers must give exactly the keys JSON.parse gives,
 * and every line JSON.parse rejects must be refused (the caller then reports JSON.parse's error).
 */
import {describe, expect, it} from 'vitest'
import {seededRandom} from '../../scripts/bench/seededRandom'
import {scanLineKeys} from '../../lake/store/lineKeyScanner'
import {LineProblem, parseDocument} from '../../lake/store/ndjsonFile'
import {keysOfDocument, ORDERED_FIELDS} from '../../lake/store/indexKeys'

/** What the JSON.parse path makes of a line: its keys, its error, or nothing for a blank line. */
function reference(line: Buffer): unknown {
  const text = line.toString('utf8')
  if (!text.trim()) return 'blank'
  const doc = parseDocument(text)
  return doc instanceof LineProblem ? {error: doc.text} : keysOfDocument(doc, {intern: false})
}

let checked = 0

/** Checks one line; true when the scanner answered it (false: it deferred to JSON.parse). */
function check(line: Buffer): boolean {
  // Inside a larger buffer, as a block holds it (the scanner must stay within [start, end)), or at its very end.
  const after = (checked++ % 2 === 0 ? '\n"tail"}' : '')
  const padded = Buffer.concat([Buffer.from('{"_id":"x"}\n'), line, Buffer.from(after)])
  const keys = scanLineKeys(padded, 12, 12 + line.length)
  if (keys === undefined) return false
  expect({line: line.toString('latin1'), keys}).toEqual({line: line.toString('latin1'), keys: reference(line)})
  return true
}

const random = seededRandom
type Random = ReturnType<typeof seededRandom>

const KEYS = ['_ref', '_ref', '_id', '_type', '_rev', '_score', '_key', 'slug', 'current', 'title', 'name', 'body', 'section', 'x', '', '__proto__', ...ORDERED_FIELDS]
/** Keys the scanner leaves to JSON.parse (array-index order, non-ASCII, escapes). */
const ODD_KEYS = ['1', '01', '4294967295', '中文', 'a"b', 'ab\\']
const STRINGS = ['', 'a', 'article.a1', 'Z', '第1篇', 'tab\there', 'quote"in', 'back\\slash', 'line\nbreak', '\u0000', 'half \udc00 pair', '😀', '2025-01-01T00:00:00Z', '\u2028']
const NUMBERS = ['0', '-0', '1', '-1', '0.0', '-0.0', '1e2', '1E+2', '2.5e-3', '1e-400', '1e400', '123456789012345678901234567890', '0.1', '-0e5', '17']
const SPACES = ['', '', '', ' ', '\t', '\r', ' \t ']

/** A JSON string token for `value`, spelled with escapes now and then. */
function stringToken(r: Random, value: string, escapes = 0.15): string {
  const plain = JSON.stringify(value)
  if (!r.chance(escapes)) return plain
  // \u escapes for some characters (JSON.parse reads them as the characters themselves).
  return '"' + Array.from(value, (c) => (r.chance(0.5) ? c.split('').map((unit) => '\\u' + unit.charCodeAt(0).toString(16).padStart(4, '0')).join('') : JSON.stringify(c).slice(1, -1))).join('') + '"'
}

function valueToken(r: Random, depth: number): string {
  const roll = r.next()
  if (depth < 4 && roll < 0.25) return objectToken(r, depth + 1, false)
  if (depth < 4 && roll < 0.35) return '[' + Array.from({length: Math.floor(r.next() * 4)}, () => space(r) + valueToken(r, depth + 1) + space(r)).join(',') + ']'
  if (roll < 0.65) return stringToken(r, r.pick(STRINGS))
  if (roll < 0.85) return r.pick(NUMBERS)
  return r.pick(['true', 'false', 'null'])
}

const space = (r: Random) => r.pick(SPACES)

function objectToken(r: Random, depth: number, document: boolean): string {
  const members: string[] = []
  if (document && r.chance(0.95)) members.push(`"_id":${stringToken(r, r.chance(0.05) ? '' : `doc.${Math.floor(r.next() * 1000)}`)}`)
  for (let n = Math.floor(r.next() * (document ? 9 : 4)); n > 0; n--) {
    const key = r.chance(0.02) ? r.pick(ODD_KEYS) : r.pick(KEYS)
    const value = key === '_ref' && r.chance(0.6) ? stringToken(r, r.pick(['', 'company.c1', 'section.tech', 'company.c1'])) : key === 'slug' && r.chance(0.6) ? `{"current":${valueToken(r, 3)}}` : valueToken(r, depth)
    members.push(space(r) + stringToken(r, key, 0.01) + space(r) + ':' + space(r) + value + space(r))
  }
  // Shuffle so `_id` and repeated keys land anywhere.
  for (let i = members.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1))
    ;[members[i], members[j]] = [members[j], members[i]]
  }
  return '{' + members.join(',') + '}'
}

/** A line of a document, now and then with raw bytes UTF-8 does not allow inside one of its strings. */
function documentLine(r: Random): Buffer {
  const text = space(r) + objectToken(r, 1, true) + space(r)
  const bytes = Buffer.from(text)
  if (!r.chance(0.1)) return bytes
  const quote = bytes.indexOf(0x22, Math.floor(r.next() * bytes.length))
  if (quote < 0) return bytes
  return Buffer.concat([bytes.subarray(0, quote + 1), Buffer.from([r.pick([0xff, 0xc3, 0xe4, 0x80, 0xed])]), bytes.subarray(quote + 1)])
}

const DAMAGE = [',', '}', ']', '{', '[', '"', '\\', ':', ' ', '0', '-', '.', 'e', 'x', 't', 'n', '\u0001', '\u001f', '\u007f', '\n']

/** The line with a byte removed, replaced, inserted or the rest cut off. */
function damaged(r: Random, line: Buffer): Buffer {
  const at = Math.floor(r.next() * line.length)
  const byte = Buffer.from(r.pick(DAMAGE))
  const roll = r.next()
  if (roll < 0.25) return Buffer.concat([line.subarray(0, at), line.subarray(at + 1)])
  if (roll < 0.5) return Buffer.concat([line.subarray(0, at), byte, line.subarray(at + 1)])
  if (roll < 0.85) return Buffer.concat([line.subarray(0, at), byte, line.subarray(at)])
  return line.subarray(0, at)
}

describe('line key scanner', () => {
  it('gives exactly the keys JSON.parse and keysOfDocument give, for random documents spelled every way', () => {
    const r = random(1)
    let answered = 0
    const total = 6000
    for (let i = 0; i < total; i++) if (check(documentLine(r))) answered++
    // Most lines take the fast path (the others have a repeated or escaped key, an empty or missing _id…).
    expect(answered).toBeGreaterThan(total * 0.3)
  })

  it('refuses every damaged line JSON.parse rejects, and reads the ones it still accepts as JSON.parse does', () => {
    const r = random(2)
    let rejected = 0
    for (let i = 0; i < 12000; i++) {
      const line = damaged(r, documentLine(r))
      check(line)
      if (typeof reference(line) === 'object' && 'error' in (reference(line) as object)) rejected++
    }
    expect(rejected).toBeGreaterThan(3000)
  })

  it('reads the cases that decide references, slugs and sort values like groq-js references() and keysOfDocument', () => {
    const cases = [
      '{"_id":"a","x":{"_ref":"b","y":{"_ref":"c"}},"z":[{"_ref":"d"},{"_ref":""},{"_ref":"d"}]}',
      '{"_id":"a","x":{"y":{"_ref":"c"},"_ref":"b"}}',
      '{"_id":"a","x":{"y":{"_ref":"c"},"_ref":""},"w":{"_ref":0,"v":{"_ref":"e"}},"u":{"_ref":-0.0e1,"v":{"_ref":"f"}}}',
      '{"_id":"a","x":{"_ref":1e-400,"v":{"_ref":"g"}},"y":{"_ref":true,"v":{"_ref":"h"}},"z":{"_ref":{},"v":{"_ref":"i"}}}',
      '{"_ref":"self","_id":"a","x":{"_ref":"b"}}',
      '{"_id":"a","section":{"_ref":""},"author":{"_ref":"p"},"list":[{"_ref":"q"}]}',
      '{"_id":"a","slug":{"current":7},"title":-0,"name":1E+2,"publishedAt":true,"_score":1,"_type":3,"_rev":null}',
      '{"_id":"a","slug":[{"current":"no"}],"title":{"x":1},"name":[1]}',
      '{"_id":"\\u0061b","_type":"t\\"q","slug":{"current":"\\ud83d\\ude00"},"title":"\\udc00"}',
      ' \t{"_id":"a"}\r',
      '{"_id":"a","x":{"_ref":"b","_ref":""}}',
      '{"_id":"a","2":{"_ref":"b"},"c":{"_ref":"c"}}',
      // An array-index key comes first in for…in order: references y, z, x and field refs 2, b.
      '{"_id":"a","b":{"_ref":"x"},"2":{"_ref":"y"},"x":{"1":[{"_ref":"w"}],"0":{"_ref":"z"}}}',
      '{"_id":"a","_\\u0072ef":"b"}',
      '{"_id":"","x":1}',
      '{"x":1}',
      '[{"_id":"a"}]',
      '"text"',
      '{"_id":"a",}',
      '{"_id":"a"} x',
      '{"_id":"a","t":"raw\ttab"}',
      '{"_id":"a","n":01}',
      '{"_id":"a","n":1.}',
      '{"_id":"a","n":tru}',
      '{"_id":"a","s":"\\x"}',
      '{"_id":"a","s":"\\u12G4"}',
      '\u00a0',
      '',
    ]
    const answered = cases.filter((line) => check(Buffer.from(line))).length
    expect(answered).toBeGreaterThanOrEqual(9)
  })
})
