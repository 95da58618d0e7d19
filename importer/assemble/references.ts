/**
 * Resolves the keys a manifest uses for references (a company's parent, a source's organisation, a
 * quote's speaker, a list's tracker) to document ids: a key defined in the same manifest, or a document
 * already in the dataset. Anything else is an "unknown entity" error naming the manifest and field.
 */
import {ImportError} from '../errors'
import type {Manifest} from '../manifest/manifestTypes'

export type EntityType = 'company' | 'regulation' | 'interviewSource' | 'author' | 'section' | 'unicornList'

export interface Reference {
  _type: 'reference'
  _ref: string
  _key?: string
}

export class ReferenceResolver {
  constructor(
    private readonly manifest: Manifest,
    private readonly existingIds: ReadonlySet<string>,
  ) {}

  resolve(type: EntityType, key: string | undefined, path: string): string {
    const manifestKeys: Record<EntityType, (string | undefined)[]> = {
      company: (this.manifest.companies ?? []).map((entry) => entry.key),
      regulation: (this.manifest.regulations ?? []).map((entry) => entry.key),
      interviewSource: (this.manifest.sources ?? []).map((entry) => entry.key),
      author: (this.manifest.authors ?? []).map((entry) => entry.key),
      section: [this.manifest.section?.key],
      unicornList: (this.manifest.unicornLists ?? []).map((entry) => entry.key),
    }
    const id = `${type}.${key}`
    if (typeof key === 'string' && (manifestKeys[type].includes(key) || this.existingIds.has(id))) return id
    throw new ImportError(
      this.manifest.file,
      `names the unknown ${type} "${key}": define it in this manifest (or another manifest of the same run) or import it first (expected document ${id})`,
      {path},
    )
  }

  reference(type: EntityType, key: string | undefined, path: string, arrayKey?: string): Reference {
    const ref: Reference = {_type: 'reference', _ref: this.resolve(type, key, path)}
    return arrayKey ? {_key: arrayKey, ...ref} : ref
  }
}

export function entityId(type: EntityType, key: string): string {
  return `${type}.${key}`
}
