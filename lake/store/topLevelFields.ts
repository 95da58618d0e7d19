/**
 * Where a few top-level fields of one JSON object line are, found by skipping over its bytes without building
 * anything: a sitemap page tests `seo.noIndex` and reads `updatedAt` of 10,000 articles, and parsing each whole
 * article (4 KB of Portable Text) for them cost ~1 s and most of the garbage collection of a first page. Only
 * the fields' own values are then parsed (`StoredDocument.fields`).
 *
 * The line is one the lake loaded (valid JSON, checked when it was scanned); structural characters are ASCII, and
 * no byte of a multi-byte UTF-8 character is ASCII, so the bytes can be walked without decoding. Returns undefined
 * for anything unexpected (the caller parses the whole line instead) — a key with an escape in it among them.
 */
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a
const COMMA = 0x2c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d

const isBlank = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09

/** For each of `names` (UTF-8), [start, end) of its value in `bytes`, or -1s when absent; the last duplicate wins. */
export function topLevelFieldRanges(bytes: Uint8Array, names: readonly Uint8Array[]): Int32Array | undefined {
  const ranges = new Int32Array(names.length * 2).fill(-1)
  const length = bytes.length
  let i = skipBlanks(bytes, 0)
  if (bytes[i] !== OPEN_OBJECT) return undefined
  i = skipBlanks(bytes, i + 1)
  if (bytes[i] === CLOSE_OBJECT) return ranges
  while (i < length) {
    if (bytes[i] !== QUOTE) return undefined
    const keyStart = i + 1
    let keyEnd = keyStart
    while (keyEnd < length && bytes[keyEnd] !== QUOTE) {
      if (bytes[keyEnd] === BACKSLASH) return undefined
      keyEnd++
    }
    i = skipBlanks(bytes, keyEnd + 1)
    if (bytes[i] !== COLON) return undefined
    const valueStart = skipBlanks(bytes, i + 1)
    const valueEnd = skipValue(bytes, valueStart)
    if (valueEnd < 0) return undefined
    for (let n = 0; n < names.length; n++) {
      if (sameBytes(bytes, keyStart, keyEnd, names[n])) {
        ranges[2 * n] = valueStart
        ranges[2 * n + 1] = valueEnd
      }
    }
    i = skipBlanks(bytes, valueEnd)
    if (bytes[i] === CLOSE_OBJECT) return ranges
    if (bytes[i] !== COMMA) return undefined
    i = skipBlanks(bytes, i + 1)
  }
  return undefined
}

function skipBlanks(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && isBlank(bytes[i])) i++
  return i
}

/** The end of the string starting at the quote at `i` (just past its closing quote), or -1. */
function skipString(bytes: Uint8Array, i: number): number {
  for (let j = i + 1; j < bytes.length; j++) {
    const byte = bytes[j]
    if (byte === BACKSLASH) j++
    else if (byte === QUOTE) return j + 1
  }
  return -1
}

/** The end of the value starting at `i`, or -1. */
function skipValue(bytes: Uint8Array, i: number): number {
  const first = bytes[i]
  if (first === QUOTE) return skipString(bytes, i)
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0
    for (let j = i; j < bytes.length; j++) {
      const byte = bytes[j]
      if (byte === QUOTE) {
        j = skipString(bytes, j)
        if (j < 0) return -1
        j--
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++
      else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (--depth === 0) return j + 1
      }
    }
    return -1
  }
  // A number, true, false or null: up to the next delimiter.
  let j = i
  while (j < bytes.length && bytes[j] !== COMMA && bytes[j] !== CLOSE_OBJECT && !isBlank(bytes[j])) j++
  return j > i ? j : -1
}

function sameBytes(bytes: Uint8Array, start: number, end: number, name: Uint8Array): boolean {
  if (end - start !== name.length) return false
  for (let k = 0; k < name.length; k++) if (bytes[start + k] !== name[k]) return false
  return true
}

/** The top-level fields a reader wants, encoded once (with `_id`, which every partial read checks). */
export interface FieldRequest {
  names: readonly string[]
  /** `names`, then `also` (looked for, not parsed), as UTF-8. */
  encoded: readonly Uint8Array[]
}

/** Requests made so far, by their names: the same reader in a later query gets the same request object. */
const requests = new Map<string, FieldRequest>()
const REQUESTS_LIMIT = 1_000

/**
 * A request for `names`; `also` are fields whose presence the caller checks too (the kept sort fields). The same
 * names give the same object (the parsed cache tells a page read again from another reader of the same document
 * by it: `parsedCache.ts`).
 */
export function fieldRequest(names: Iterable<string>, also: readonly string[] = []): FieldRequest | undefined {
  const wanted = [...new Set(['_id', ...names])]
  // An own `__proto__` property cannot be set on a plain object the way JSON.parse makes it: read the document.
  if (wanted.includes('__proto__')) return undefined
  const key = JSON.stringify([wanted, also])
  let request = requests.get(key)
  if (!request) {
    // Queries are a small fixed set in practice; ad-hoc ones must not grow this without bound.
    if (requests.size >= REQUESTS_LIMIT) requests.clear()
    request = {names: wanted, encoded: [...wanted, ...also].map((name) => Buffer.from(name))}
    requests.set(key, request)
  }
  return request
}
