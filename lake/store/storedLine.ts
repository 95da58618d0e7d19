/**
 * What a file-backed stored document reads out of its line's bytes besides the whole parse: the few top-level
 * fields a reader asks for (a sitemap page then parses no whole document), the line without its blanks, and the
 * freezing every document handed out gets (readers share one parsed object, so none may change it).
 */
import type {Doc} from '../types'
import {KEPT_TOP_LEVEL, type OrderedField, type SortValue} from './indexKeys'
import {topLevelFieldRanges, type FieldRequest} from './topLevelFields'

/** The key index said a document is at `start`; the line there says otherwise: the file changed behind the lake's back. */
export function movedLineError(where: string, id: string, start: number): Error {
  return new Error(`${where}: document ${JSON.stringify(id)} is no longer at byte ${start}: the file changed outside the lake; open it again`)
}

/** The stored document whose line is read: its id, its kept sort values, and where it remembers what its kept nulls mean. */
interface LineOwner {
  readonly id: string
  sortValue(field: OrderedField): SortValue
  keptNullsAreNull: boolean
}

const NULL_BYTE = 0x6e

/**
 * An object with the top-level fields `request` names, parsed out of the line `bytes` (absent ones absent), frozen;
 * undefined when `topLevelFields.ts` cannot say where they are (then parse the whole line).
 */
export function topLevelFieldsOfLine(bytes: Buffer, request: FieldRequest, owner: LineOwner, where: string, start: number): Doc | undefined {
  const ranges = topLevelFieldRanges(bytes, request.encoded)
  if (!ranges) return undefined
  const partial: Record<string, unknown> = {}
  for (let n = 0; n < request.names.length; n++) {
    if (ranges[2 * n] >= 0) partial[request.names[n]] = JSON.parse(bytes.toString('utf8', ranges[2 * n], ranges[2 * n + 1]))
  }
  if (partial._id !== owner.id) throw movedLineError(where, owner.id, start)
  // The kept top-level fields were looked for too: when each one kept as null is absent or null in the line
  // (not an object or array), the kept nulls are answers, and later readers need not read the line again.
  let keptNullsAreNull = true
  for (let k = 0; k < KEPT_TOP_LEVEL.length && keptNullsAreNull; k++) {
    const at = ranges[2 * (request.names.length + k)]
    if (at >= 0 && bytes[at] !== NULL_BYTE && owner.sortValue(KEPT_TOP_LEVEL[k]) === null) keptNullsAreNull = false
  }
  owner.keptNullsAreNull = keptNullsAreNull
  return deepFreeze(partial) as Doc
}

const isBlank = (byte: number): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a

/** Whitespace trimmed off both ends, as `String.prototype.trim` does for the ASCII blanks JSON allows. */
export function trimBytes(bytes: Buffer): Buffer {
  let start = 0
  let end = bytes.length
  while (start < end && isBlank(bytes[start])) start++
  while (end > start && isBlank(bytes[end - 1])) end--
  return start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end)
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
