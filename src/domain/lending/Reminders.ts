import { MS_PER_DAY } from '../shared/Clock.js';
import type { Loan } from './Loan.js';

/**
 * When members hear about a loan's due date, as policy data. Days are calendar days (UTC): a loan
 * due on Friday 14:00 is "due today" all Friday, and overdue for notices from Saturday on.
 */
export interface ReminderSchedule {
  /** A "due soon" reminder this many days before the due date, e.g. `[2]` (seed 001) or `[1]` (seed 003). */
  readonly daysBeforeDue: readonly number[];
  /** A reminder on the due date itself. */
  readonly onDueDate: boolean;
  /**
   * An overdue notice goes out the day after the due date (the loan is now overdue); with a number,
   * it is repeated every that many days while the loan stays open (seed 001: 3 → days 1, 4, 7, …
   * overdue); null: no repeats.
   */
  readonly overdueEveryDays: number | null;
}

export const NO_REMINDERS: ReminderSchedule = { daysBeforeDue: [], onDueDate: false, overdueEveryDays: null };

interface LoanFact {
  readonly occurredAt: string;
  readonly loanId: string;
  readonly barcode: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly dueAt: string;
  /** Stable name of the reminder slot: with the loan id and due date it keys the notice, so a slot is sent once. */
  readonly slot: string;
}

/** The loan falls due in `daysLeft` calendar days (0: today). */
export interface LoanDueSoon extends LoanFact {
  readonly name: 'loan.due-soon';
  readonly daysLeft: number;
}

/** The loan is `daysOverdue` calendar days past its due date and still open. */
export interface LoanOverdue extends LoanFact {
  readonly name: 'loan.overdue';
  readonly daysOverdue: number;
}

/**
 * A fact the scheduler observes about time passing, not a state change: nothing is stored for it.
 * Its notice is keyed by (loan, due date, slot), so running the scheduler twice sends it once.
 */
export type LoanReminder = LoanDueSoon | LoanOverdue;

/** Midnight UTC of the instant's calendar day. */
export function startOfUtcDay(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / MS_PER_DAY) * MS_PER_DAY);
}

/** Calendar days (UTC) from `from`'s date to `to`'s date: negative when `to` is on an earlier day. */
export function calendarDaysBetween(from: Date, to: Date): number {
  return Math.round((startOfUtcDay(to).getTime() - startOfUtcDay(from).getTime()) / MS_PER_DAY);
}

/**
 * The reminder an open loan is due today under `schedule`, if any (each slot is one calendar day).
 * A day the scheduler did not run is not made up later, so run it at least daily.
 */
export function reminderDue(loan: Loan, schedule: ReminderSchedule, now: Date): LoanReminder | null {
  if (!loan.isOpen) return null;
  const offset = calendarDaysBetween(loan.dueAt, now);
  const fact = {
    occurredAt: now.toISOString(),
    loanId: loan.id,
    barcode: loan.barcode,
    isbn: loan.isbn,
    memberId: loan.memberId,
    dueAt: loan.dueAt.toISOString(),
  };
  if (offset < 0) {
    const daysLeft = -offset;
    return schedule.daysBeforeDue.includes(daysLeft) ? { ...fact, name: 'loan.due-soon', daysLeft, slot: `due-in-${daysLeft}d` } : null;
  }
  if (offset === 0) return schedule.onDueDate ? { ...fact, name: 'loan.due-soon', daysLeft: 0, slot: 'due-today' } : null;
  const every = schedule.overdueEveryDays;
  const isNoticeDay = offset === 1 || (every !== null && (offset - 1) % every === 0);
  return isNoticeDay ? { ...fact, name: 'loan.overdue', daysOverdue: offset, slot: `overdue-${offset}d` } : null;
}

/** The last instant whose loans can have a reminder today: the end of the furthest "days before due" day. */
export function reminderHorizon(schedule: ReminderSchedule, now: Date): Date {
  const furthest = Math.max(0, ...schedule.daysBeforeDue);
  return new Date(startOfUtcDay(now).getTime() + (furthest + 1) * MS_PER_DAY);
}
