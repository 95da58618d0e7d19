/**
 * China Desk's Studio plugins. Each plugin lives in its own folder; this file only re-exports.
 */
export * from './unicorn-stats'
