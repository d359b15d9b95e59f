import { LendingError } from '../lending/LendingError.js';
import type { Loan } from '../lending/Loan.js';
import { daysLate, MS_PER_DAY } from '../shared/Clock.js';
import type { ResolvedRule } from './CirculationPolicy.js';
import type { Refusal } from './Refusal.js';

/** Everything a renewal decision needs, gathered before anything changes. */
export interface RenewalFacts {
  readonly loan: Loan;
  readonly rule: ResolvedRule;
  readonly now: Date;
  /** The due date the renewal would give. */
  readonly newDueAt: Date;
  /** Members waiting for the title (not yet given a copy). */
  readonly waitingHolds: number;
  /**
   * The title's other copies in circulation (`isInCirculation`): each can satisfy one waiting hold when it comes back.
   * Counted up to `waitingHolds` only, since more could not change the decision.
   */
  readonly otherCopiesInCirculation: number;
  /** Run by the jobs rather than asked for by the member. */
  readonly automatic: boolean;
  /** No automatic renewal may end the loan after this (from `LoanTerms.autoRenewLimit`); null: no limit. */
  readonly autoRenewUntil: Date | null;
}

type RenewalCheck = (f: RenewalFacts) => LendingError | null;

const refuse = (code: ConstructorParameters<typeof LendingError>[0], message: string, f: RenewalFacts, details: Record<string, number | string> = {}) =>
  new LendingError(code, message, { loanId: f.loan.id, ...details });

/** The renewal rules, in the order they are checked; the first that fails is the answer. Each is one line of policy. */
export const RENEWAL_CHECKS: readonly RenewalCheck[] = [
  (f) => (f.loan.isClaimedReturned ? refuse('RENEWAL_OF_CLAIMED_LOAN', `loan ${f.loan.id} is claimed returned`, f) : null),
  (f) => (f.loan.isRecalled ? refuse('RENEWAL_OF_RECALLED_LOAN', `loan ${f.loan.id} was recalled for another member`, f) : null),
  (f) =>
    f.loan.renewals >= f.rule.maxRenewals
      ? refuse('RENEWAL_LIMIT_REACHED', `loan ${f.loan.id} was already renewed ${f.loan.renewals} times`, f, { limit: f.rule.maxRenewals })
      : null,
  (f) => {
    if (f.waitingHolds === 0) return null;
    if (f.rule.controls.renewal.allowWithHoldsWhenOtherCopiesCanSatisfy && f.waitingHolds <= f.otherCopiesInCirculation) return null;
    return refuse('RENEWAL_BLOCKED_BY_RESERVATIONS', `${f.waitingHolds} members are waiting for ${f.loan.isbn}`, f, { waiting: f.waitingHolds });
  },
  (f) => {
    const days = f.rule.controls.renewal.notBeforeDaysToDue;
    if (days === null || f.now.getTime() >= f.loan.dueAt.getTime() - days * MS_PER_DAY) return null;
    return refuse('RENEWAL_TOO_EARLY', `loan ${f.loan.id} can be renewed from ${new Date(f.loan.dueAt.getTime() - days * MS_PER_DAY).toISOString()}`, f, { notBeforeDaysToDue: days });
  },
  (f) => {
    const overdue = daysLate(f.loan.dueAt, f.now);
    return overdue > f.rule.maxOverdueDaysToRenew ? refuse('RENEWAL_TOO_OVERDUE', `loan ${f.loan.id} is ${overdue} days overdue`, f, { daysOverdue: overdue }) : null;
  },
  (f) => {
    const limit = f.rule.controls.renewal.noAutoRenewAfterDays;
    if (!f.automatic || limit === null || f.autoRenewUntil === null || f.newDueAt.getTime() <= f.autoRenewUntil.getTime()) return null;
    return refuse('AUTO_RENEWAL_LIMIT_REACHED', `loan ${f.loan.id} is not renewed automatically past ${limit} days from checkout`, f, { limit });
  },
];

/** The rules about the loan itself that stop this renewal (patron blocks are checked separately, and may be overridden). */
export function renewalRefusals(facts: RenewalFacts): Refusal[] {
  return RENEWAL_CHECKS.map((check) => check(facts))
    .filter((e): e is LendingError => e !== null)
    .map((error) => ({ error, overridable: false }));
}
