/** The calendar date (UTC) of an ISO instant, as notices print it: `2026-09-21`. */
export function calendarDay(iso: string): string {
  return iso.slice(0, 10);
}
