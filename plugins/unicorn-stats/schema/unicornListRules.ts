/**
 * The unicorn list's consistency rules, kept apart from the field definitions: the breakdown may
 * never claim more companies than the list has (error), and entries, when given, should match
 * both the total and each sector's count (warnings, because lists are often entered in stages).
 */
import type {ValidationContext, ValidationError} from 'sanity'

import {findSectorDisagreements, sumSectorBreakdown, type SectorCountLike} from '../helpers/sectorCounts'

interface UnicornListLike {
  totalCount?: number
  sectorBreakdown?: SectorCountLike[]
}

function listOf(context: ValidationContext): UnicornListLike {
  return (context.document ?? {}) as UnicornListLike
}

export function breakdownWithinTotal(breakdown: SectorCountLike[] | undefined, context: ValidationContext) {
  const {totalCount} = listOf(context)
  if (typeof totalCount !== 'number') return true
  const assigned = sumSectorBreakdown(breakdown)
  return assigned > totalCount
    ? `The sector breakdown adds up to ${assigned}, more than the total count of ${totalCount}: lower a sector's count or raise the total`
    : true
}

export function entriesAgreeWithTotals(
  entries: {sector?: string}[] | undefined,
  context: ValidationContext,
): true | Omit<ValidationError, 'paths'>[] {
  if (!entries || entries.length === 0) return true
  const {totalCount, sectorBreakdown} = listOf(context)
  const problems: {message: string}[] = []
  if (typeof totalCount === 'number' && entries.length !== totalCount) {
    problems.push({message: `Entries list ${entries.length} companies, the total count says ${totalCount}`})
  }
  if (sectorBreakdown && sectorBreakdown.length > 0) {
    problems.push(...findSectorDisagreements(sectorBreakdown, entries).map(({message}) => ({message})))
  }
  return problems.length > 0 ? problems : true
}
