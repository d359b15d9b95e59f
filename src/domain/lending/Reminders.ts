import { daysLate, MS_PER_DAY } from '../shared/Clock.js';
import type { Loan } from './Loan.js';

/**
 * When members hear about a loan's due date, as policy data. Days before the due date are calendar days (UTC): a
 * loan due on Friday 14:00 is "due in 1 day" all Thursday and "due today" on Friday until 14:00. From the due instant
 * on it is overdue, and days overdue are counted as fines count them (`daysLate`): 14:01 on Friday is day 1.
 */
export interface ReminderSchedule {
  /** A "due soon" reminder this many days before the due date, e.g. `[2]` (the city preset) or `[1]` (the college preset). */
  readonly daysBeforeDue: readonly number[];
  /** A reminder on the due date itself. */
  readonly onDueDate: boolean;
  /**
   * An overdue notice goes out on the first day overdue; with a number, it is repeated every that many days
   * while the loan stays open (3 → days 1, 4, 7, … overdue); null: no repeats.
   */
  readonly overdueEveryDays: number | null;
}

export const NO_REMINDERS: ReminderSchedule = { daysBeforeDue: [], onDueDate: false, overdueEveryDays: null };

interface LoanFact {
  readonly occurredAt: string;
  readonly loanId: string;
  readonly barcode: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
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

/** The loan is `daysOverdue` days late (`daysLate`) and still open. */
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
 * The reminder an open loan is due under `schedule` at `now`, if any: the most recent slot the loan has reached,
 * so a slot whose day the jobs missed is sent once, late, the next time they run (the outbox key per loan, due date
 * and slot keeps it once however often they run). Only the most recent slot is still meaningful: once the loan is
 * overdue, missed "due soon" slots are dropped for the overdue notice; a missed overdue repeat is superseded by the next.
 *
 * Before the due instant, slots are calendar days (UTC) before the due date ("due in 2 days", "due today"); from the
 * due instant on, the loan is overdue and its days overdue are `daysLate`, the count fines use (a started day counts).
 *
 * A slot reached more than `staleAfterDays` days ago is not sent at all (null): the outbox forgets delivered notices
 * after that long, so a slot that old must not count as missed — a loan overdue for months without repeats would
 * otherwise get its one overdue notice again after every prune.
 */
export function reminderDue(loan: Loan, schedule: ReminderSchedule, now: Date, staleAfterDays = Number.POSITIVE_INFINITY): LoanReminder | null {
  if (!loan.isOpen) return null;
  const fact = {
    occurredAt: now.toISOString(),
    loanId: loan.id,
    barcode: loan.barcode,
    isbn: loan.isbn,
    memberId: loan.memberId,
    dueAt: loan.dueAt.toISOString(),
  };
  if (loan.isOverdue(now)) {
    const daysOverdue = daysLate(loan.dueAt, now);
    const slot = latestOverdueSlot(schedule, daysOverdue);
    if (daysOverdue - slot > staleAfterDays) return null;
    return { ...fact, name: 'loan.overdue', daysOverdue, slot: `overdue-${slot}d` };
  }
  const daysLeft = calendarDaysBetween(now, loan.dueAt);
  const reached = [...(schedule.onDueDate ? [0] : []), ...schedule.daysBeforeDue].filter((n) => n >= daysLeft);
  if (reached.length === 0) return null;
  const slot = Math.min(...reached);
  if (slot - daysLeft > staleAfterDays) return null;
  return { ...fact, name: 'loan.due-soon', daysLeft, slot: slot === 0 ? 'due-today' : `due-in-${slot}d` };
}

/** The last overdue slot reached after `daysOverdue` days: day 1, then every `overdueEveryDays` days (1, 4, 7, …). */
function latestOverdueSlot(schedule: ReminderSchedule, daysOverdue: number): number {
  const every = schedule.overdueEveryDays;
  return every === null ? 1 : 1 + Math.floor((daysOverdue - 1) / every) * every;
}

/** The last instant whose loans can have a reminder today: the end of the furthest "days before due" day. */
export function reminderHorizon(schedule: ReminderSchedule, now: Date): Date {
  const furthest = Math.max(0, ...schedule.daysBeforeDue);
  return new Date(startOfUtcDay(now).getTime() + (furthest + 1) * MS_PER_DAY);
}
