import type { BranchCalendar } from '../../domain/calendar/BranchCalendar.js';

/**
 * Branch calendars, read by every rule that places a date and written when staff declare a closure.
 * Not part of a transaction: a closure is declared first, then the dates it touches are shifted.
 */
export interface CalendarRepository {
  /** The branch's calendar; open every day, all day, when nobody configured one. */
  forBranch(branch: string): Promise<BranchCalendar>;
  save(calendar: BranchCalendar): Promise<void>;
}
