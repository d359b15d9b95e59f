import type { BranchCalendar } from './BranchCalendar.js';

export const DUE_DATE_ADJUSTMENT_NAMES = ['NEXT_OPEN_DAY', 'PREVIOUS_OPEN_DAY', 'KEEP'] as const;
export type DueDateAdjustmentName = (typeof DUE_DATE_ADJUSTMENT_NAMES)[number];

export interface AdjustedDueDate {
  readonly dueAt: Date;
  /** The due instant before adjustment, when it moved. */
  readonly movedFrom: Date | null;
  /** Why the original day could not be used, in words. */
  readonly reason: string | null;
}

/** What to do with a due date that falls on a day the branch is closed. One class per answer. */
export interface DueDateAdjustment {
  readonly name: DueDateAdjustmentName;
  readonly description: string;
  /** `notBefore` is the checkout: an adjustment never makes a loan end before it started. */
  adjust(dueAt: Date, calendar: BranchCalendar, notBefore: Date): AdjustedDueDate;
}

function moved(dueAt: Date, to: Date, reason: string | null): AdjustedDueDate {
  return to.getTime() === dueAt.getTime() ? { dueAt, movedFrom: null, reason: null } : { dueAt: to, movedFrom: dueAt, reason };
}

export class NextOpenDay implements DueDateAdjustment {
  readonly name = 'NEXT_OPEN_DAY';
  readonly description = 'a due date on a closed day moves to the next open day';
  adjust(dueAt: Date, calendar: BranchCalendar): AdjustedDueDate {
    const day = calendar.dateOf(dueAt);
    return moved(dueAt, calendar.sameTimeOn(dueAt, calendar.nextOpenDay(day)), calendar.closedReason(day));
  }
}

export class PreviousOpenDay implements DueDateAdjustment {
  readonly name = 'PREVIOUS_OPEN_DAY';
  readonly description = 'a due date on a closed day moves back to the previous open day (forward when that would end the loan before it began)';
  adjust(dueAt: Date, calendar: BranchCalendar, notBefore: Date): AdjustedDueDate {
    const day = calendar.dateOf(dueAt);
    const earlier = calendar.sameTimeOn(dueAt, calendar.previousOpenDay(day));
    if (earlier.getTime() > notBefore.getTime()) return moved(dueAt, earlier, calendar.closedReason(day));
    return new NextOpenDay().adjust(dueAt, calendar);
  }
}

export class KeepDueDate implements DueDateAdjustment {
  readonly name = 'KEEP';
  readonly description = 'due dates stay where they fall, open or closed';
  adjust(dueAt: Date): AdjustedDueDate {
    return { dueAt, movedFrom: null, reason: null };
  }
}

export const DUE_DATE_ADJUSTMENTS: Readonly<Record<DueDateAdjustmentName, DueDateAdjustment>> = {
  NEXT_OPEN_DAY: new NextOpenDay(),
  PREVIOUS_OPEN_DAY: new PreviousOpenDay(),
  KEEP: new KeepDueDate(),
};
