import type { Loan } from '../../domain/lending/Loan.js';
import type { StandingFacts } from '../../domain/policy/PatronStanding.js';
import type { Money } from '../../domain/shared/Money.js';

/**
 * What a member owes and still has out, read once per decision: the fee balance and the outstanding (open or lost)
 * loans. Returned loans are history and play no part, so the read stays as small as the member's current business,
 * however long they have been borrowing.
 */
export class MemberStanding {
  constructor(
    readonly feeBalance: Money,
    private readonly outstanding: readonly Loan[],
  ) {}

  get openLoans(): readonly Loan[] {
    return this.outstanding.filter((l) => l.isOpen);
  }

  /** True when the member has a copy of this title out right now. */
  isBorrowing(isbn: string): boolean {
    return this.openLoans.some((l) => l.isbn === isbn);
  }

  /** The facts the automatic blocks look at, under a rule's fee threshold. */
  facts(feeThreshold: Money | null, now: Date): StandingFacts {
    return {
      feeBalance: this.feeBalance,
      feeThreshold,
      overdueLoans: this.openLoans.filter((l) => l.isOverdue(now) && !l.isClaimedReturned).length,
      lostItems: this.outstanding.filter((l) => l.status === 'LOST').length,
    };
  }
}
