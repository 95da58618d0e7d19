/**
 * Public surface of the unicorn statistics plugin.
 */
export {applyUnicornStats} from './applyUnicornStats'
export {ValuationAmountInput, createValuationAmountInput, type ValuationAmountInputProps} from './components/ValuationAmountInput'
export {SectorBreakdownInput} from './components/SectorBreakdownInput'
export {SectorBreakdownChart, describeUnassigned} from './components/SectorBreakdownChart'
export {UnicornListBreakdownView} from './components/UnicornListBreakdownView'
export {amountInWords, currencyPrefix, formatAmountInWords} from './helpers/formatAmount'
export {parseAmountInput, type ParsedAmountInput} from './helpers/parseAmountInput'
export {findSectorDisagreements, sumSectorBreakdown, type SectorDisagreement} from './helpers/sectorCounts'
export {formatPeriod, unicornListPreviewTitle} from './helpers/periodLabel'
export {
  DEFAULT_UNICORN_STATS_OPTIONS,
  resolveUnicornStatsOptions,
  type ResolvedUnicornStatsOptions,
  type UnicornStatsOptions,
} from './options'
export {unicornStats} from './plugin'
export * from './schema'
