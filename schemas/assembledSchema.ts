/**
 * The ONE place China Desk's final schema is assembled: the China Desk types passed through the
 * unicornStats transform (which adds `company.unicorn`, the body's `unicornListEmbed` and the plugin's
 * own types). The `chinaDesk()` plugin mounts these types, the validation entry compiles them, and the
 * importer converts HTML against the compiled `articleBody`, so the three can never disagree.
 * Studio-safe: only `sanity`'s schema compiler and the schema modules, no Node-only code.
 */
import {createSchema, type Schema, type SchemaTypeDefinition} from 'sanity'

import {applyUnicornStats} from '../plugins/unicorn-stats/applyUnicornStats'
import type {UnicornStatsOptions} from '../plugins/unicorn-stats/options'
import {schemaTypes} from './schemaTypes'

/** The final list of type definitions, as a Studio with `chinaDesk(options)` registers them. */
export function assembleSchemaTypes(unicorn?: UnicornStatsOptions | void | null): SchemaTypeDefinition[] {
  return applyUnicornStats(schemaTypes, unicorn)
}

const compiledByOptions = new Map<string, Schema>()

/**
 * The compiled final schema, cached per unicornStats options (compiling takes ~0.5 s and every
 * validation and HTML conversion of a run uses the same one). Throws with Sanity's own schema errors
 * when the types do not compile.
 */
export function compileChinaDeskSchema(unicorn?: UnicornStatsOptions | void | null): Schema {
  const cacheKey = JSON.stringify(unicorn ?? {})
  const cached = compiledByOptions.get(cacheKey)
  if (cached) return cached
  const schema = createSchema({name: 'china-desk', types: assembleSchemaTypes(unicorn)})
  const errors = schema._validation?.flatMap((group) =>
    group.problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${group.path.map((segment) => segment.name).join(' > ')}: ${problem.message}`),
  )
  if (errors && errors.length > 0) {
    throw new Error(`the China Desk schema does not compile (schemas/):\n${errors.join('\n')}`)
  }
  compiledByOptions.set(cacheKey, schema)
  return schema
}
