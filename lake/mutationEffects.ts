/**
 * Mendoza effects for listener events. The `mendoza` package only applies patches (it has no differ), so this
 * encodes a top-level field diff: set changed fields, delete removed ones. Replacing a whole field is a valid,
 * if not minimal, mendoza patch; a document that appears or disappears is a whole-value patch.
 */
import type {Doc} from './types'

const OP_VALUE = 0
const OP_OBJECT_SET_FIELD_VALUE = 17
const OP_OBJECT_DELETE_FIELD = 19

function diff(from: Doc | null, to: Doc | null): unknown[] {
  if (!from || !to) return [OP_VALUE, to]
  const patch: unknown[] = []
  // ObjectDeleteField addresses fields by their index among the input's sorted keys.
  const inputKeys = Object.keys(from).sort()
  inputKeys.forEach((key, index) => {
    if (!(key in to)) patch.push(OP_OBJECT_DELETE_FIELD, index)
  })
  for (const [key, value] of Object.entries(to)) {
    if (!(key in from) || JSON.stringify(from[key]) !== JSON.stringify(value)) patch.push(OP_OBJECT_SET_FIELD_VALUE, value, key)
  }
  return patch
}

export function mendozaEffects(previous: Doc | null, result: Doc | null): {apply: unknown[]; revert: unknown[]} {
  return {apply: diff(previous, result), revert: diff(result, previous)}
}
