/**
 * Labels for a list's reporting period and the list's preview title: '2022 Q3', 'IT Juzi · 2022 Q3 · 18'.
 */

export interface UnicornListPeriodLike {
  year?: number
  kind?: 'quarter' | 'half' | string
  quarter?: number
  half?: number
}

/** '2022 Q3', '2023 H1', '2022' when only the year is known, '' when nothing is. */
export function formatPeriod(period: UnicornListPeriodLike | undefined): string {
  if (!period?.year) return ''
  if (period.kind === 'quarter' && period.quarter) return `${period.year} Q${period.quarter}`
  if (period.kind === 'half' && period.half) return `${period.year} H${period.half}`
  return String(period.year)
}

/** 'IT Juzi · 2022 Q3 · 18'; parts that are not filled in yet are left out. */
export function unicornListPreviewTitle(parts: {
  trackerName?: string
  period?: UnicornListPeriodLike
  totalCount?: number
  fallbackTitle?: string
}): string {
  const pieces = [
    parts.trackerName,
    formatPeriod(parts.period),
    typeof parts.totalCount === 'number' ? String(parts.totalCount) : undefined,
  ].filter((piece): piece is string => Boolean(piece))
  return pieces.length > 0 ? pieces.join(' · ') : (parts.fallbackTitle ?? 'Untitled unicorn list')
}
