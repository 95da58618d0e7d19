/**
 * Sums and cross-checks for a unicorn list: the sector breakdown against the total, and the
 * individual entries against both. Pure, so the validation rules and the breakdown input agree.
 */
import {sectorLabel} from '../schema/unicornSectors'

export interface SectorCountLike {
  sector?: string
  otherSector?: string
  count?: number
}

export interface SectorEntryLike {
  sector?: string
}

/** Sum of the breakdown's counts; missing counts add nothing. */
export function sumSectorBreakdown(breakdown: SectorCountLike[] | undefined): number {
  return (breakdown ?? []).reduce((sum, item) => sum + (typeof item.count === 'number' ? item.count : 0), 0)
}

/** Count per sector value; the same sector twice in a breakdown is added up. */
export function countBySector<T extends {sector?: string}>(
  items: T[] | undefined,
  weight: (item: T) => number,
): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items ?? []) {
    if (!item.sector) continue
    counts.set(item.sector, (counts.get(item.sector) ?? 0) + weight(item))
  }
  return counts
}

export interface SectorDisagreement {
  sector: string
  inEntries: number
  inBreakdown: number
  message: string
}

/**
 * Sectors whose entry count differs from the breakdown's count, in vocabulary order of first
 * appearance (breakdown first, then sectors only the entries mention).
 */
export function findSectorDisagreements(
  breakdown: SectorCountLike[] | undefined,
  entries: SectorEntryLike[] | undefined,
): SectorDisagreement[] {
  const expected = countBySector(breakdown, (item) => (typeof item.count === 'number' ? item.count : 0))
  const actual = countBySector(entries, () => 1)
  const sectors = [...new Set([...expected.keys(), ...actual.keys()])]
  const otherName = (breakdown ?? []).find((item) => item.sector === 'other')?.otherSector
  return sectors
    .map((sector) => {
      const inEntries = actual.get(sector) ?? 0
      const inBreakdown = expected.get(sector) ?? 0
      const label = sectorLabel(sector, sector === 'other' ? otherName : undefined)
      const companies = inEntries === 1 ? 'company' : 'companies'
      return {
        sector,
        inEntries,
        inBreakdown,
        message: `Entries list ${inEntries} ${companies} in ${label}, the breakdown says ${inBreakdown}`,
      }
    })
    .filter((item) => item.inEntries !== item.inBreakdown)
}
