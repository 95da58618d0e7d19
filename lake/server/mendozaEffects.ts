/**
 * Mendoza patches for listener events (the `effects` of the stand-in's `/data/listen`; computed on demand,
 * only for listeners that ask for `effectFormat=mendoza`). The Studio applies `effects.apply` to its copy of a document (without
 * `_rev`) and checks the result, so these patches must be exact; `mendoza` on npm only ships the patcher, hence
 * this small encoder. It diffs objects field by field (recursing into nested objects) and replaces anything
 * else whole, which is always a valid Mendoza patch even where the real Content Lake would emit a finer one.
 */
type Json = unknown
type RawPatch = unknown[]

// Opcodes from mendoza's internal patcher (the index in its OPS table).
const OP_VALUE = 0
const OP_PUSH_FIELD_COPY = 10
const OP_RETURN_INTO_OBJECT_SAME_KEY_POP = 15
const OP_OBJECT_SET_FIELD_VALUE = 17
const OP_OBJECT_DELETE_FIELD = 19

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Ops that turn the object on top of the patcher's input stack into `right` (empty when nothing changed). */
function objectOps(left: Record<string, Json>, right: Record<string, Json>): RawPatch {
  // The patcher addresses input fields by their index in the sorted key list of the input object.
  const leftKeys = Object.keys(left).sort()
  const ops: RawPatch = []
  leftKeys.forEach((key, index) => {
    if (!(key in right)) ops.push(OP_OBJECT_DELETE_FIELD, index)
  })
  for (const key of Object.keys(right)) {
    const before = left[key]
    const after = right[key]
    if (key in left && sameJson(before, after)) continue
    if (key in left && isPlainObject(before) && isPlainObject(after)) {
      ops.push(OP_PUSH_FIELD_COPY, leftKeys.indexOf(key), ...objectOps(before, after), OP_RETURN_INTO_OBJECT_SAME_KEY_POP)
    } else {
      ops.push(OP_OBJECT_SET_FIELD_VALUE, after, key)
    }
  }
  return ops
}

/** A Mendoza patch that turns `left` into `right`. */
export function mendozaDiff(left: Json, right: Json): RawPatch {
  if (isPlainObject(left) && isPlainObject(right)) return objectOps(left, right)
  return [OP_VALUE, right ?? null]
}

function withoutRev(doc: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!doc) return null
  const {_rev, ...rest} = doc
  return rest
}

/** `effects` of a listener event: apply turns previous into result, revert goes back (both without `_rev`). */
export function mendozaEffects(
  previous: Record<string, unknown> | null,
  result: Record<string, unknown> | null,
): {apply: RawPatch; revert: RawPatch} {
  const before = withoutRev(previous)
  const after = withoutRev(result)
  return {apply: mendozaDiff(before, after), revert: mendozaDiff(after, before)}
}
