/**
 * JSON's scalar tokens on UTF-8 bytes, for the line key scanner (`lineKeyScanner.ts`): the kinds of values, which
 * bytes a string may hold, where a number or literal ends (-1 where `JSON.parse` would reject it: RFC 8259's
 * grammar, which is what `JSON.parse` accepts), and the values of the few tokens a scan keeps.
 */

/** What a JSON value token is (None: no value). */
export type Kind = number
export const NONE = 0
export const STRING = 1
/** A string holding an escape: only `JSON.parse` of the token decodes it exactly as JSON does. */
export const ESCAPED = 2
export const NUMBER = 3
export const TRUE = 4
export const FALSE = 5
export const NULL = 6
export const OBJECT = 7
export const ARRAY = 8

/** Byte classes inside a string: 0 ordinary, 1 ends or escapes it, 2 a control character JSON forbids there. */
export const STRING_BYTE = new Uint8Array(256)
STRING_BYTE.fill(2, 0, 0x20)
STRING_BYTE[0x22] = STRING_BYTE[0x5c] = 1
/** What may follow a backslash: 1 one character, 2 `u` and four hex digits. */
export const ESCAPE_BYTE = new Uint8Array(256)
for (const c of '"\\/bfnrt') ESCAPE_BYTE[c.charCodeAt(0)] = 1
ESCAPE_BYTE[0x75] = 2

export const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)

/** Buffer's own decoders, without `toString`'s argument checks (this is called for most strings a scan keeps). */
interface Slicing {
  utf8Slice(start: number, end: number): string
  latin1Slice(start: number, end: number): string
}
export const latin1 = (bytes: Buffer, start: number, end: number): string => (bytes as unknown as Slicing).latin1Slice(start, end)
const utf8 = (bytes: Buffer, start: number, end: number): string => (bytes as unknown as Slicing).utf8Slice(start, end)

/** The string of a STRING or ESCAPED token at [start, end) (quotes included), as JSON.parse of the line has it. */
export function tokenText(bytes: Buffer, kind: Kind, start: number, end: number): string {
  return kind === STRING ? utf8(bytes, start + 1, end - 1) : (JSON.parse(utf8(bytes, start, end)) as string)
}

/** A scalar token's value (strings; numbers as `Number()` reads the same text, which JSON.parse agrees with; true, false); null for anything else. */
export function tokenValue(bytes: Buffer, kind: Kind, start: number, end: number): string | number | boolean | null {
  if (kind === STRING || kind === ESCAPED) return tokenText(bytes, kind, start, end)
  if (kind === NUMBER) return Number(latin1(bytes, start, end))
  return kind === TRUE ? true : kind === FALSE ? false : null
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

/** Where the number starting at `at` ends (-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?), or -1. */
export function numberEnd(bytes: Uint8Array, at: number, end: number): number {
  if (bytes[at] === 0x2d) at++
  if (at >= end || !isDigit(bytes[at])) return -1
  if (bytes[at] === 0x30) at++
  else while (at < end && isDigit(bytes[at])) at++
  if (at < end && bytes[at] === 0x2e) {
    at++
    if (at >= end || !isDigit(bytes[at])) return -1
    while (at < end && isDigit(bytes[at])) at++
  }
  if (at < end && (bytes[at] | 0x20) === 0x65) {
    at++
    if (at < end && (bytes[at] === 0x2b || bytes[at] === 0x2d)) at++
    if (at >= end || !isDigit(bytes[at])) return -1
    while (at < end && isDigit(bytes[at])) at++
  }
  return at
}

const SPELLINGS: Record<number, number[]> = {0x74: [0x74, 0x72, 0x75, 0x65], 0x66: [0x66, 0x61, 0x6c, 0x73, 0x65], 0x6e: [0x6e, 0x75, 0x6c, 0x6c]}

/** Where the literal (`true`, `false`, `null`) starting at `at` ends, or -1; its first byte says which it is. */
export function literalEnd(bytes: Uint8Array, at: number, end: number): number {
  const spelling = SPELLINGS[bytes[at]]
  if (!spelling || at + spelling.length > end) return -1
  for (let i = 1; i < spelling.length; i++) if (bytes[at + i] !== spelling[i]) return -1
  return at + spelling.length
}
