/**
 * Whether a `YYYY-MM-DD` text is a day of the calendar. `Date.parse` takes 2025-02-30 and
 * rolls it over to March 2; a real day reads back the same.
 */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const day = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text)
}
