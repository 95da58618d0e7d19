/**
 * The plugin's schema transformation as a pure function: given the Studio's schema types, return
 * them with the `unicorn` field on each configured document type, the `unicornListEmbed` block in
 * each configured body type, and the plugin's own types. The plugin's `schema.types` calls it;
 * Node code (the validation harness, schema scripts) calls it to build the same final schema
 * without a Studio. Applying it twice gives the same result as applying it once.
 */
import {defineArrayMember, type PreviewConfig, type SchemaTypeDefinition} from 'sanity'

import {resolveUnicornStatsOptions, type ResolvedUnicornStatsOptions, type UnicornStatsOptions} from './options'
import {createUnicornStatsTypes} from './schema'
import {createUnicornField, UNICORN_FIELD_NAME, UNICORN_GROUP, withUnicornPreview} from './schema/unicornField'

/** Just enough of a type definition to read and extend it without narrowing the union. */
interface LooseTypeDefinition {
  name: string
  type: string
  fields?: {name: string; type: string}[]
  groups?: {name: string}[]
  of?: {type: string}[]
  preview?: unknown
  [key: string]: unknown
}

// Type objects this plugin created, so a second pass can replace its own types but still
// refuse to overwrite a same-named type someone else defined.
const ownTypeObjects = new WeakSet<object>()

function namesOf(types: LooseTypeDefinition[], kind: (type: LooseTypeDefinition) => boolean): string {
  const names = types.filter(kind).map((type) => type.name).sort()
  return names.length > 0 ? names.join(', ') : '(none)'
}

function checkConfiguredTypes(types: LooseTypeDefinition[], options: ResolvedUnicornStatsOptions): void {
  const byName = new Map(types.map((type) => [type.name, type]))
  const isDocument = (type: LooseTypeDefinition) => type.type === 'document'
  const isArray = (type: LooseTypeDefinition) => type.type === 'array'
  for (const name of options.documentTypes) {
    const type = byName.get(name)
    if (!type || !isDocument(type)) {
      throw new Error(
        `unicornStats: option "documentTypes" names "${name}", which is not a document type in this Studio. ` +
          `Known document types: ${namesOf(types, isDocument)}`,
      )
    }
  }
  for (const name of options.bodyTypes) {
    const type = byName.get(name)
    if (!type || !isArray(type)) {
      throw new Error(
        `unicornStats: option "bodyTypes" names "${name}", which is not an array type in this Studio. ` +
          `Known array types: ${namesOf(types, isArray)}`,
      )
    }
  }
}

function addUnicornField(type: LooseTypeDefinition, options: ResolvedUnicornStatsOptions): LooseTypeDefinition {
  const fields = type.fields ?? []
  const existing = fields.find((field) => field.name === UNICORN_FIELD_NAME)
  if (existing) {
    if (existing.type === 'unicornProfile') return type
    throw new Error(
      `unicornStats: document type "${type.name}" already has a field "${UNICORN_FIELD_NAME}" of type ` +
        `"${existing.type}"; rename that field or leave "${type.name}" out of option "documentTypes"`,
    )
  }
  const groups = type.groups ?? []
  return {
    ...type,
    groups: groups.some((group) => group.name === UNICORN_GROUP.name) ? groups : [...groups, UNICORN_GROUP],
    fields: [...fields, createUnicornField()],
    preview: withUnicornPreview(
      type.preview as PreviewConfig | undefined,
      fields.map((field) => field.name),
      options,
    ),
  }
}

function addEmbedMember(type: LooseTypeDefinition): LooseTypeDefinition {
  const members = type.of ?? []
  if (members.some((member) => member.type === 'unicornListEmbed')) return type
  return {...type, of: [...members, defineArrayMember({type: 'unicornListEmbed'})]}
}

export function applyUnicornStats(
  types: SchemaTypeDefinition[],
  options?: UnicornStatsOptions | void | null,
): SchemaTypeDefinition[] {
  const resolved = resolveUnicornStatsOptions(options)
  const given = types as unknown as LooseTypeDefinition[]
  checkConfiguredTypes(given, resolved)

  const ownTypes = createUnicornStatsTypes(resolved)
  const ownNames = new Set(ownTypes.map((type) => type.name))
  const foreign = given.find((type) => ownNames.has(type.name) && !ownTypeObjects.has(type))
  if (foreign) {
    throw new Error(
      `unicornStats: the schema already has a type named "${foreign.name}" that this plugin did not define; ` +
        `rename one of them (the plugin's types are ${[...ownNames].join(', ')})`,
    )
  }

  const transformed = given
    .filter((type) => !ownNames.has(type.name))
    .map((type) => {
      if (resolved.documentTypes.includes(type.name)) return addUnicornField(type, resolved)
      if (resolved.bodyTypes.includes(type.name)) return addEmbedMember(type)
      return type
    })
  for (const type of ownTypes) ownTypeObjects.add(type)
  return [...(transformed as unknown as SchemaTypeDefinition[]), ...ownTypes]
}
