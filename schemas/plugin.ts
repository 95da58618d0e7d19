/**
 * `chinaDesk()`: the one line a Studio adds to get the whole desk. Child order matters: the schema
 * types must exist before unicornStats transforms them (it adds `company.unicorn` and the body's
 * `unicornListEmbed`), and the structure tool comes last so its lists see the final schema.
 */
import {definePlugin} from 'sanity'
import {structureTool} from 'sanity/structure'

import {unicornStats, type UnicornStatsOptions} from '../plugins'
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
  plugins: [chinaDeskSchema(), unicornStats(options?.unicorn), structureTool({structure: deskStructure})],
}))
