/**
 * Sanity's unknown-field check without a second `validateDocument` pass. Sanity runs it only outside
 * the Studio (`environment: 'cli'`) by appending `.custom(unknownFieldsValidator(type)).warning()` to
 * every object rule, which also demotes that object's own rules; running the 'cli' pass just for this
 * check doubled validation time. This walk visits the same nodes Sanity's `validateItem` visits (object
 * fields, array items by `resolveTypeForArrayItem`) over the compiled schema types and reports the same
 * findings: keys not starting with `_` that are not fields of an object type whose type chain includes
 * object, document, file or image, as warnings `Field 'x' does not exist on type 'T'` at the key's path.
 */
import type {Path, SchemaType} from 'sanity'

export interface UnknownFieldFinding {
  path: Path
  message: string
}

const OBJECT_LIKE = new Set(['object', 'document', 'file', 'image'])

export function findUnknownFields(value: unknown, type: SchemaType, path: Path = [], into: UnknownFieldFinding[] = []): UnknownFieldFinding[] {
  if (type.jsonType === 'object' && isRecord(value)) {
    const fields = type.fields ?? []
    if (typeChain(type).some((link) => OBJECT_LIKE.has(link.name))) {
      const fieldNames = new Set(fields.map((field) => field.name))
      for (const key of Object.keys(value)) {
        if (!key.startsWith('_') && !fieldNames.has(key)) {
          into.push({path: [...path, key], message: `Field '${key}' does not exist on type '${type.name}'`})
        }
      }
    }
    for (const field of fields) findUnknownFields(value[field.name], field.type, [...path, field.name], into)
  } else if (type.jsonType === 'array' && Array.isArray(value)) {
    value.forEach((item, index) => {
      const itemType = resolveTypeForArrayItem(item, type.of)
      if (!itemType) return
      const segment = isRecord(item) && typeof item._key === 'string' ? {_key: item._key} : index
      findUnknownFields(item, itemType, [...path, segment], into)
    })
  }
  return into
}

/** Sanity's `getTypeChain`: the type, its parent type, and so on up to a built-in. */
function typeChain(type: SchemaType, visited = new Set<SchemaType>()): SchemaType[] {
  if (visited.has(type)) return []
  visited.add(type)
  return [...(type.type ? typeChain(type.type, visited) : []), type]
}

/** Sanity's `resolveTypeForArrayItem`, so items are checked against the member type the Studio would use. */
function resolveTypeForArrayItem(item: unknown, candidates: SchemaType[]): SchemaType | undefined {
  if (candidates.length === 1) return candidates[0]
  const itemType = isRecord(item) && typeof item._type === 'string' ? item._type : undefined
  const primitive = item === null || item === undefined ? true : !itemType && typeString(item)
  if (primitive && primitive !== 'object') return candidates.find((candidate) => candidate.jsonType === primitive)
  return (
    candidates.find((candidate) => candidate.type?.name === itemType) ||
    candidates.find((candidate) => candidate.name === itemType) ||
    candidates.find((candidate) => candidate.name === 'object' && primitive === 'object')
  )
}

function typeString(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
