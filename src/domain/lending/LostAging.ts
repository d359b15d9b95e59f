import { daysLate } from '../shared/Clock.js';
import type { Loan } from './Loan.js';

/**
 * Whether the jobs should declare this loan lost now: it is open, not claimed returned, overdue, and at least
 * `ageToLostAfterDaysOverdue` days late, counted as fines count them (`daysLate`). A null setting never ages a loan.
 */
export function isDueToAgeToLost(loan: Loan, ageToLostAfterDaysOverdue: number | null, now: Date): boolean {
  if (ageToLostAfterDaysOverdue === null || !loan.isOverdue(now) || loan.isClaimedReturned) return false;
  return daysLate(loan.dueAt, now) >= ageToLostAfterDaysOverdue;
}
