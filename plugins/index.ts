/**
 * China Desk's Studio plugins (`china-desk/plugins`). Each plugin lives in its own folder; this file only
 * re-exports each plugin's public surface.
 */
export {sectorLabel, UNICORN_SECTORS, unicornStats, type UnicornSector, type UnicornStatsOptions} from './unicorn-stats'
