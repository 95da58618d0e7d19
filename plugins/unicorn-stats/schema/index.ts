/**
 * The plugin's own schema types, built from the resolved options so the threshold and currency
 * reach rules, inputs and previews.
 */
import type {SchemaTypeDefinition} from 'sanity'

import type {ResolvedUnicornStatsOptions} from '../options'
import {createInvestorType} from './investor'
import {createMoneyType} from './money'
import {sectorCountType} from './sectorCount'
import {unicornExitType} from './unicornExit'
import {createUnicornListType} from './unicornList'
import {unicornListEmbedType} from './unicornListEmbed'
import {createUnicornListEntryType} from './unicornListEntry'
import {unicornListPeriodType} from './unicornListPeriod'
import {createUnicornProfileType} from './unicornProfile'
import {createValuationType} from './valuation'
import {createValuationRoundType} from './valuationRound'
import {valuationSourceType} from './valuationSource'

export {createInvestorType} from './investor'
export {createMoneyType} from './money'
export {sectorCountType} from './sectorCount'
export {UNICORN_EXIT_TYPES, unicornExitType} from './unicornExit'
export {createUnicornListType} from './unicornList'
export {unicornListEmbedType} from './unicornListEmbed'
export {createUnicornListEntryType} from './unicornListEntry'
export {unicornListPeriodType} from './unicornListPeriod'
export {createUnicornProfileType, UNICORN_STATUSES} from './unicornProfile'
export {sectorLabel, UNICORN_SECTORS, unicornSectors, type UnicornSector} from './unicornSectors'
export {createValuationType} from './valuation'
export {createValuationRoundType} from './valuationRound'
export {valuationSourceType} from './valuationSource'

/** Every type the plugin contributes, in dependency-free order (Sanity resolves names lazily). */
export function createUnicornStatsTypes(options: ResolvedUnicornStatsOptions): SchemaTypeDefinition[] {
  return [
    createUnicornProfileType(options),
    createValuationType(options),
    createValuationRoundType(options),
    valuationSourceType,
    createInvestorType(options),
    createMoneyType(options),
    unicornExitType,
    createUnicornListType(options),
    unicornListPeriodType,
    sectorCountType,
    createUnicornListEntryType(options),
    unicornListEmbedType,
  ]
}
