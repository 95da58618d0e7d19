/**
 * `chinaDesk()`: the one line a Studio adds to get the whole desk. Its types are the assembled schema
 * (`assembledSchema.ts`: China Desk types passed through unicornStats, which adds `company.unicorn` and
 * the body's `unicornListEmbed`); the structure tool's lists see that final schema.
 */
import {definePlugin, type DocumentActionsResolver} from 'sanity'
import {structureTool} from 'sanity/structure'

import type {UnicornStatsOptions} from '../plugins'
import {withPublishedAt} from './actions/withPublishedAt'
import {withSearchFields} from './actions/withSearchFields'
import {assembleSchemaTypes} from './assembledSchema'
import {schemaTypes} from './schemaTypes'
import {deskStructure} from './structure/deskStructure'

export interface ChinaDeskOptions {
  /** Passed to the unicornStats plugin (threshold, currency, which types it extends). */
  unicorn?: UnicornStatsOptions
}

/** Publish wrappers compose: each takes the incoming Publish action and returns a wrapped one. */
const documentActions: DocumentActionsResolver = (prev) =>
  prev.map((action) => (action.action === 'publish' ? withPublishedAt(withSearchFields(action)) : action))

/** Just the China Desk types (and Publish keeping their search fields current), for a Studio that wants its own structure and plugins. */
export const chinaDeskSchema = definePlugin({
  name: 'china-desk-schema',
  schema: {types: schemaTypes},
  document: {actions: documentActions},
})

export const chinaDesk = definePlugin<ChinaDeskOptions | void>((options) => ({
  name: 'china-desk',
  // The assembled schema (China Desk types through unicornStats): the very list the validation entry
  // and the importer compile, so the Studio, validation and import can never disagree.
  schema: {types: assembleSchemaTypes(options?.unicorn)},
  document: {actions: documentActions},
  plugins: [structureTool({structure: deskStructure})],
}))
