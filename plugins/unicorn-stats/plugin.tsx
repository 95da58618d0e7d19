/**
 * The unicornStats Studio plugin: unicorn profiles on companies, unicorn lists, the article-body
 * embed, and their inputs. Options are checked when the plugin is created; type names are checked
 * against the Studio's schema when the schema is built.
 */
import {definePlugin} from 'sanity'

import {applyUnicornStats} from './applyUnicornStats'
import {resolveUnicornStatsOptions, type UnicornStatsOptions} from './options'

export const unicornStats = definePlugin<UnicornStatsOptions | void>((options) => {
  // Resolve now so a bad threshold or currency fails at config load, naming the option.
  const resolved = resolveUnicornStatsOptions(options)
  return {
    name: 'china-desk-unicorn-stats',
    schema: {
      // A function, not a list: the plugin must see (and extend) the types defined before it.
      types: (prevTypes) => applyUnicornStats(prevTypes, resolved),
    },
  }
})
