/**
 * Translates the mutations `sanity/migrate` produces (`{type: 'patch', id, patches: [{path, op}]}`)
 * into the Content Lake's wire format that `LocalLake.mutate` takes (`{patch: {id, setIfMissing: {...}}}`),
 * the same encoding `sanity migration run` sends to the API.
 */
import type {Mutation as MigrateMutation, NodePatch, Transaction} from 'sanity/migrate'

import type {Mutation as LakeMutation, PatchOperations} from '../../lake'

type PathSegment = string | number | {_key: string} | [number | '', number | '']

export function pathToString(path: readonly PathSegment[]): string {
  return path.reduce<string>((result, segment) => {
    if (typeof segment === 'string') return result ? `${result}.${segment}` : segment
    if (typeof segment === 'number') return `${result}[${segment}]`
    if (Array.isArray(segment)) return `${result}[${segment[0]}:${segment[1]}]`
    return `${result}[_key==${JSON.stringify(segment._key)}]`
  }, '')
}

export function toLakeMutations(items: (MigrateMutation | Transaction)[]): LakeMutation[] {
  return items.flatMap((item): LakeMutation[] => {
    if (item.type === 'transaction') return toLakeMutations(item.mutations)
    switch (item.type) {
      case 'create':
        return [{create: item.document as never}]
      case 'createIfNotExists':
        return [{createIfNotExists: item.document as never}]
      case 'createOrReplace':
        return [{createOrReplace: item.document as never}]
      case 'delete':
        return [{delete: {id: item.id}}]
      case 'patch':
        return (item.patches as readonly NodePatch[]).map((nodePatch) => ({
          patch: {id: item.id, ...(item.options?.ifRevision ? {ifRevisionID: item.options.ifRevision} : {}), ...encodeOperation(nodePatch)},
        }))
      default:
        throw new Error(`toLakeMutations: unsupported mutation ${JSON.stringify(item).slice(0, 80)}`)
    }
  })
}

function encodeOperation({path, op}: NodePatch): Omit<PatchOperations, 'id'> {
  const where = pathToString(path as readonly PathSegment[])
  switch (op.type) {
    case 'set':
      return {set: {[where]: op.value}}
    case 'setIfMissing':
      return {setIfMissing: {[where]: op.value}}
    case 'unset':
      return {unset: [where]}
    case 'inc':
      return {inc: {[where]: op.amount}}
    case 'dec':
      return {dec: {[where]: op.amount}}
    case 'diffMatchPatch':
      return {diffMatchPatch: {[where]: op.value}}
    case 'insert':
      return {insert: {[op.position]: pathToString([...(path as readonly PathSegment[]), op.referenceItem as PathSegment]), items: op.items}}
    default:
      throw new Error(`toLakeMutations: the "${op.type}" operation at ${where} has no local equivalent yet; use set/insert instead`)
  }
}
