import { daysLate } from '../shared/Clock.js';
import type { BranchCalendar } from './BranchCalendar.js';

export const LATE_DAY_COUNTINGS = ['ALL_DAYS', 'OPEN_DAYS'] as const;
export type LateDayCountingName = (typeof LATE_DAY_COUNTINGS)[number];

/** Which late days a fine charges for. */
export interface LateDayCounting {
  readonly name: LateDayCountingName;
  readonly description: string;
  count(dueAt: Date, returnedAt: Date, calendar: BranchCalendar): number;
}

/** Every started 24 hours past the due instant is a late day (the engine's original rule). */
export class AllLateDays implements LateDayCounting {
  readonly name = 'ALL_DAYS';
  readonly description = 'every day late is charged';
  count(dueAt: Date, returnedAt: Date): number {
    return daysLate(dueAt, returnedAt);
  }
}

/**
 * Late day k is the k-th calendar day after the due date in the branch's zone; it is charged only when the
 * branch is open that day. Counting by wall-calendar day keeps the answer the same across daylight-saving changes.
 */
export class OpenLateDays implements LateDayCounting {
  readonly name = 'OPEN_DAYS';
  readonly description = 'days the branch is closed are not charged';
  count(dueAt: Date, returnedAt: Date, calendar: BranchCalendar): number {
    const late = daysLate(dueAt, returnedAt);
    const dueDay = calendar.dateOf(dueAt);
    return late === 0 ? 0 : calendar.openDaysBetween(dueDay, dueDay.plusDays(late));
  }
}

export const LATE_DAY_COUNTING: Readonly<Record<LateDayCountingName, LateDayCounting>> = {
  ALL_DAYS: new AllLateDays(),
  OPEN_DAYS: new OpenLateDays(),
};
