/**
 * Calendar-date helpers for `date` fields (stored as 'YYYY-MM-DD'); comparing the strings is
 * comparing the dates, so no time zone enters the rules.
 */

/** Today's date in UTC as 'YYYY-MM-DD'. */
export function todayIsoDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/** True when `date` ('YYYY-MM-DD') lies after today. */
export function isFutureDate(date: string, now: Date = new Date()): boolean {
  return date.slice(0, 10) > todayIsoDate(now)
}

/**
 * The first item dated before the one above it, as its index, or -1 when the dates run oldest
 * first. Undated items are skipped: the required-date rule reports them.
 */
export function findFirstOutOfOrder(dates: (string | undefined)[]): number {
  let latest: string | undefined
  for (const [index, date] of dates.entries()) {
    if (!date) continue
    if (latest && date < latest) return index
    latest = date
  }
  return -1
}
