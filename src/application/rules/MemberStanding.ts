import type { Loan } from '../../domain/lending/Loan.js';
import type { StandingFacts } from '../../domain/policy/PatronStanding.js';
import { activeReservationFor, type Reservation } from '../../domain/reservations/Reservation.js';
import type { Money } from '../../domain/shared/Money.js';

/**
 * What a member owes, still has out and waits for, read once per decision: the fee balance, the outstanding (open or
 * lost) loans and the active reservations. Returned loans and closed reservations are history and play no part, so
 * the read stays as small as the member's current business, however long they have been borrowing. The loans and
 * the title queues are the one record of this; the member aggregate keeps no copy.
 */
export class MemberStanding {
  constructor(
    readonly feeBalance: Money,
    private readonly outstanding: readonly Loan[],
    /** Active (waiting or ready) reservations of every title. */
    readonly reservations: readonly Reservation[],
  ) {}

  get openLoans(): readonly Loan[] {
    return this.outstanding.filter((l) => l.isOpen);
  }

  /** The member's active reservation of the title, or null. */
  reservationOf(isbn: string): Reservation | null {
    return activeReservationFor(this.reservations, isbn);
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
