/**
 * The fixed sector vocabulary for unicorn lists. Trackers each use their own sector names, so lists
 * are mapped onto these values ("other" plus a free-text name catches the rest) and stay comparable
 * across trackers and quarters.
 */

export const UNICORN_SECTORS = [
  {value: 'semiconductors', title: 'Semiconductors'},
  {value: 'biotech', title: 'Biotech'},
  {value: 'artificialIntelligence', title: 'Artificial intelligence'},
  {value: 'enterpriseSoftware', title: 'Enterprise software'},
  {value: 'hardware', title: 'Hardware'},
  {value: 'newEnergy', title: 'New energy'},
  {value: 'automotive', title: 'Automotive'},
  {value: 'fintech', title: 'Fintech'},
  {value: 'ecommerce', title: 'E-commerce'},
  {value: 'healthcare', title: 'Healthcare'},
  {value: 'logistics', title: 'Logistics'},
  {value: 'consumer', title: 'Consumer'},
  {value: 'other', title: 'Other'},
] as const

export type UnicornSector = (typeof UNICORN_SECTORS)[number]['value']

/** Alias matching the contract's name for the vocabulary. */
export const unicornSectors = UNICORN_SECTORS

/**
 * How a sector reads inside a sentence: 'semiconductors', 'artificial intelligence', or the
 * tracker's own name for an "other" sector when one was recorded.
 */
export function sectorLabel(sector: string | undefined, otherSector?: string): string {
  if (sector === 'other' && otherSector?.trim()) return otherSector.trim()
  const known = UNICORN_SECTORS.find((entry) => entry.value === sector)
  if (!known) return sector ?? 'no sector'
  // Titles are sentence case, so lower-casing them reads naturally mid-sentence.
  return known.title.toLowerCase()
}

/** How a sector reads as a label, as editors know it: 'Semiconductors', or the tracker's own "other" name. */
export function sectorTitle(sector: string | undefined, otherSector?: string): string {
  if (sector === 'other' && otherSector?.trim()) return otherSector.trim()
  return UNICORN_SECTORS.find((entry) => entry.value === sector)?.title ?? sector ?? 'No sector'
}
