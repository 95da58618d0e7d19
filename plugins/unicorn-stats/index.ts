/**
 * Public surface of the unicorn statistics plugin: what a Studio config and a front end use. The plugin and its
 * options; the sector vocabulary, so a front end labels `unicornList` sector counts as the Studio does.
 * Components, helpers, schema factories and `applyUnicornStats` are internals: the schema assembly and the
 * tests import them by path, and they can change without a major version.
 */
export {unicornStats} from './plugin'
export type {UnicornStatsOptions} from './options'
export {sectorLabel, UNICORN_SECTORS, type UnicornSector} from './schema/unicornSectors'
