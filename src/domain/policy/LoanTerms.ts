import type { BranchCalendar } from '../calendar/BranchCalendar.js';
import { DUE_DATE_ADJUSTMENTS, type AdjustedDueDate } from '../calendar/DueDateAdjustment.js';
import { LATE_DAY_COUNTING } from '../calendar/LateDayCounting.js';
import type { Loan } from '../lending/Loan.js';
import { addDays, addHours } from '../shared/Clock.js';
import type { Money } from '../shared/Money.js';
import type { ResolvedRule } from './CirculationPolicy.js';
import { DUE_DATE_CAPS } from './DueDateCap.js';
import { RENEWAL_BASES } from './RenewalBase.js';

/** A due date with the story of how it was reached, for the loan and for `explain()`. */
export interface DueDate extends AdjustedDueDate {
  /** `10 days` or `4 hours`. */
  readonly period: string;
  /** An hourly loan cut short at closing time. */
  readonly cappedAtClosing: Date | null;
  readonly adjustment: string;
  /** Cut back to the member's card expiry (the rule's `dueDateCap`): the expiry, else null. */
  readonly cutAtCardExpiry: Date | null;
}

/**
 * The dates and amounts a rule gives once a branch's calendar is applied. Pure functions of the rule, the
 * calendar and the instants passed in, so they never depend on the machine's clock or time zone.
 */
export const LoanTerms = {
  /**
   * When a loan that starts `now` is due. Hourly loans end at closing time at the latest; daily loans avoid closed
   * days; under `dueDateCap: CARD_EXPIRY` no loan outlasts the member's card (`cardExpiresAt`, null: never expires).
   */
  dueDate(rule: ResolvedRule, calendar: BranchCalendar, now: Date, cardExpiresAt: Date | null = null): DueDate {
    const due = LoanTerms.uncappedDueDate(rule, calendar, now);
    const cut = DUE_DATE_CAPS[rule.controls.dueDateCap].cut(due.dueAt, cardExpiresAt, now);
    return { ...due, dueAt: cut ?? due.dueAt, cutAtCardExpiry: cut };
  },

  uncappedDueDate(rule: ResolvedRule, calendar: BranchCalendar, now: Date): Omit<DueDate, 'cutAtCardExpiry'> {
    const hours = rule.controls.loanHours;
    if (hours !== null) {
      const due = addHours(now, hours);
      const closing = calendar.closingTime(calendar.dateOf(now));
      const capped = closing !== null && closing.getTime() > now.getTime() && closing.getTime() < due.getTime() ? closing : null;
      return { dueAt: capped ?? due, movedFrom: null, reason: null, period: `${hours} hours`, cappedAtClosing: capped, adjustment: 'hourly loans end at closing time at the latest' };
    }
    const strategy = DUE_DATE_ADJUSTMENTS[rule.controls.calendar.dueDateAdjustment];
    return { ...strategy.adjust(LoanTerms.calendarDaysLater(calendar, now, rule.loanDays), calendar, now), period: `${rule.loanDays} days`, cappedAtClosing: null, adjustment: strategy.description };
  },

  /** The same wall-clock time `days` calendar days later in the branch's zone: a 14-day loan ends at 10:00 even across a clock change. */
  calendarDaysLater(calendar: BranchCalendar, from: Date, days: number): Date {
    return calendar.sameTimeOn(from, calendar.dateOf(from).plusDays(days));
  },

  /** A renewal counts from the rule's renewal base (`RENEWAL_BASES`), is capped like a due date, and never makes the loan end sooner. */
  renewedDueDate(rule: ResolvedRule, calendar: BranchCalendar, loan: Loan, now: Date, cardExpiresAt: Date | null = null): Date {
    const from = RENEWAL_BASES[rule.controls.renewal.base].from(loan.dueAt, now);
    const raw = rule.controls.loanHours === null ? LoanTerms.calendarDaysLater(calendar, from, rule.renewalDays) : addHours(from, rule.controls.loanHours);
    const adjusted = DUE_DATE_ADJUSTMENTS[rule.controls.calendar.dueDateAdjustment].adjust(raw, calendar, loan.dueAt).dueAt;
    const capped = DUE_DATE_CAPS[rule.controls.dueDateCap].cut(adjusted, cardExpiresAt, now) ?? adjusted;
    return new Date(Math.max(capped.getTime(), loan.dueAt.getTime()));
  },

  /** The latest due date an automatic renewal may give: `noAutoRenewAfterDays` calendar days after checkout; null: no limit. */
  autoRenewLimit(rule: ResolvedRule, calendar: BranchCalendar, loan: Loan): Date | null {
    const days = rule.controls.renewal.noAutoRenewAfterDays;
    return days === null ? null : LoanTerms.calendarDaysLater(calendar, loan.checkedOutAt, days);
  },

  /** The due date a recall gives: `recallDueDays` from now, never before the guaranteed period has run, on an open day. */
  recalledDueDate(rule: ResolvedRule, calendar: BranchCalendar, loan: Loan, now: Date): Date | null {
    const recall = rule.controls.recall;
    if (recall === null) return null;
    const earliest = Math.max(addDays(now, recall.recallDueDays).getTime(), addDays(loan.checkedOutAt, recall.guaranteedLoanDays).getTime());
    return DUE_DATE_ADJUSTMENTS.NEXT_OPEN_DAY.adjust(new Date(earliest), calendar, now).dueAt;
  },

  /** The pickup deadline of a hold made ready `now`: a number of open days, ending at closing time, or of hours; null: until collected. */
  pickupDeadline(rule: ResolvedRule, calendar: BranchCalendar, now: Date): Date | null {
    const openDays = rule.controls.calendar.pickupOpenDays;
    if (openDays !== null) return calendar.endOfDay(calendar.addOpenDays(calendar.dateOf(now).plusDays(1), Math.max(0, openDays - 1)));
    return rule.pickupWindowHours === null ? null : addHours(now, rule.pickupWindowHours);
  },

  lateDays(rule: ResolvedRule, calendar: BranchCalendar, dueAt: Date, returnedAt: Date): number {
    return LATE_DAY_COUNTING[rule.controls.calendar.fineDays].count(dueAt, returnedAt, calendar);
  },

  /** The overdue fine for `loan` ended at `now` (or at the borrower's claimed return); recalled loans use the recall rate. */
  overdueFine(rule: ResolvedRule, calendar: BranchCalendar, loan: Loan, now: Date, replacementPrice: Money | null): Money {
    const returnedAt = loan.fineAccrualEnd(now);
    const strategy = loan.isRecalled ? rule.recallFineStrategy : rule.fineStrategy;
    return strategy.overdueFine({ dueAt: loan.dueAt, returnedAt, replacementPrice, lateDays: LoanTerms.lateDays(rule, calendar, loan.dueAt, returnedAt) });
  },
} as const;
