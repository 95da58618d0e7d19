/**
 * `chinaDesk()`: the one line a Studio adds to get the whole desk. Its types are the assembled schema
 * (`assembledSchema.ts`: China Desk types passed through unicornStats, which adds `company.unicorn` and
 * the body's `unicornListEmbed`); the structure tool's lists see that final schema.
 */
import {definePlugin} from 'sanity'
import {structureTool} from 'sanity/structure'

import type {UnicornStatsOptions} from '../plugins'
import {assembleSchemaTypes} from './assembledSchema'
import {schemaTypes} from './schemaTypes'
import {deskStructure} from './structure/deskStructure'

export interface ChinaDeskOptions {
  /** Passed to the unicornStats plugin (threshold, currency, which types it extends). */
  unicorn?: UnicornStatsOptions
}

/** Just the China Desk types, for a Studio that wants its own structure and plugins. */
export const chinaDeskSchema = definePlugin({
  name: 'china-desk-schema',
  schema: {types: schemaTypes},
})

export const chinaDesk = definePlugin<ChinaDeskOptions | void>((options) => ({
  name: 'china-desk',
  // The assembled schema (China Desk types through unicornStats): the very list the validation entry
  // and the importer compile, so the Studio, validation and import can never disagree.
  schema: {types: assembleSchemaTypes(options?.unicorn)},
  plugins: [structureTool({structure: deskStructure})],
}))
