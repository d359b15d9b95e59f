import { inject, injectable } from 'inversify';
import type { DigitalLoan, RevokedToken } from '../../domain/digital/DigitalLoan.js';
import type { Clock } from '../../domain/shared/Clock.js';
import type { Transaction } from '../ports/Store.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { reservationView } from '../views.js';
import { DigitalHoldAllocator } from './DigitalHoldAllocator.js';
import { requireDigitalCopy } from './lookups.js';
import { digitalLoanView, type DigitalLoanView } from './views.js';

/**
 * How a license comes back to the pool — a loan returned early, revoked, or run out, an offer nobody
 * claimed — and the two sweeps the jobs run over the loans and offers whose time came.
 */
@injectable()
export class DigitalLoanEnding {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(DigitalHoldAllocator) private readonly digitalHolds: DigitalHoldAllocator,
  ) {}

  /** Ends the (already transitioned) loan inside `tx`: the token is refused from now, the license goes to the next in line. */
  async endLoan(tx: Transaction, loan: DigitalLoan, revoked: RevokedToken | null, now: Date): Promise<DigitalLoanView> {
    if (revoked) await tx.revokedTokens.revoke(revoked);
    const copy = await requireDigitalCopy(tx, loan.copyId);
    copy.release(loan.id);
    await tx.digitalLoans.save(loan);
    await this.digitalHolds.offer(tx, copy, now);
    return digitalLoanView(loan);
  }

  /** Every loan whose due instant came ends, each re-checked in its own transaction. Safe to run twice. */
  expireDueLoans(): Promise<DigitalLoanView[]> {
    const now = this.clock.now();
    return this.uow.sweep(
      (tx) => tx.digitalLoans.listDue(now),
      async (tx, candidate) => {
        const loan = await tx.digitalLoans.get(candidate.id);
        if (!loan?.isDue(now)) return null;
        loan.expire(now);
        return this.endLoan(tx, loan, null, now);
      },
    );
  }

  /** Offers nobody claimed in time lapse, and each license goes to the next in line. Safe to run twice. */
  expireClaims(): Promise<ReturnType<typeof reservationView>[]> {
    const now = this.clock.now();
    return this.uow.sweep(
      async (tx) =>
        (await tx.digitalCopies.listWithLapsedOffers(now)).flatMap((c) => c.lapsedOffers(now).map((o) => ({ copyId: c.copyId, reservationId: o.reservationId }))),
      async (tx, { copyId, reservationId }) => {
        const copy = await requireDigitalCopy(tx, copyId);
        if (!copy.lapsedOffers(now).some((o) => o.reservationId === reservationId)) return null;
        copy.lapseOffer(reservationId);
        const queue = await tx.reservations.forTitle(copy.isbn);
        queue.lapseClaim(reservationId, now);
        await tx.reservations.save(queue);
        await this.digitalHolds.offer(tx, copy, now);
        return reservationView(copy.isbn, queue.get(reservationId), null);
      },
    );
  }
}
