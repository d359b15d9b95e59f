import { inject, injectable } from 'inversify';
import { RecordId } from '../../domain/catalog/RecordId.js';
import type { DigitalLendingRules } from '../../domain/digital/DigitalLendingRules.js';
import type { CirculationPolicy } from '../../domain/policy/CirculationPolicy.js';
import type { HoldMedium, Reservation } from '../../domain/reservations/Reservation.js';
import { ReservationError } from '../../domain/reservations/ReservationError.js';
import type { ReservationQueue } from '../../domain/reservations/ReservationQueue.js';
import { estimateWaitDays } from '../../domain/reservations/WaitEstimate.js';
import { addDays, type Clock } from '../../domain/shared/Clock.js';
import { requireId } from '../../domain/shared/guards.js';
import { requireMember } from '../lookups.js';
import type { Transaction } from '../ports/Store.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';

interface Supply {
  /** When each copy or license that could serve the queue becomes free. */
  readonly freeAt: Date[];
  readonly loanDays: number;
}

/**
 * "About how long until it's my turn?" for the one queue of both worlds: from the member's place among
 * the holds competing for the same copies or licenses, when each of those frees up, and the loan length.
 * An ANY hold gets the sooner of the two estimates.
 */
@injectable()
export class WaitEstimator {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(TOKENS.DigitalRules) private readonly rules: DigitalLendingRules,
  ) {}

  /** Whole days until the member's hold on the title is offered a copy or license; 0 once it was; null when nothing can serve it. */
  async estimateWait(isbnInput: string, memberIdInput: string): Promise<number | null> {
    const isbn = RecordId.key(isbnInput);
    const memberId = requireId(memberIdInput, 'memberId');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const queue = await tx.reservations.forTitle(isbn);
      const reservation = queue.activeFor(memberId);
      if (!reservation) throw new ReservationError('RESERVATION_NOT_FOUND', `member ${memberId} does not wait for ${isbn}`, { memberId, isbn });
      if (reservation.status !== 'WAITING') return 0;
      const media: HoldMedium[] = (['PRINT', 'DIGITAL'] as const).filter((m) => reservation.accepts(m));
      const estimates = await Promise.all(
        media.map(async (medium) => {
          const supply = medium === 'PRINT' ? await this.printSupply(tx, isbn, memberId, now) : await this.digitalSupply(tx, isbn, now);
          return estimateWaitDays({ now, freeAt: supply.freeAt, loanDays: supply.loanDays, position: WaitEstimator.placeAmong(queue, reservation, medium) });
        }),
      );
      const known = estimates.filter((d): d is number => d !== null);
      return known.length === 0 ? null : Math.min(...known);
    });
  }

  private static placeAmong(queue: ReservationQueue, reservation: Reservation, medium: HoldMedium): number {
    return queue.waitingFor(medium).findIndex((r) => r.id === reservation.id) + 1;
  }

  /** Copies on the shelf are free now; held ones after their pickup deadline and a loan; lent ones at their due date. */
  private async printSupply(tx: Transaction, isbn: string, memberId: string, now: Date): Promise<Supply> {
    const loanDays = this.policy.ruleFor(await requireMember(tx, memberId)).loanDays;
    const freeAt: Date[] = [];
    for (const item of await tx.items.listByIsbn(isbn)) {
      if (item.isReferenceOnly) continue;
      switch (item.status) {
        case 'AVAILABLE':
          freeAt.push(now);
          break;
        case 'RESERVED':
          freeAt.push(addDays(item.hold?.expiresAt ? new Date(item.hold.expiresAt) : now, loanDays));
          break;
        case 'LOANED':
          freeAt.push((await tx.loans.openForCopy(item.barcode))?.dueAt ?? now);
          break;
        case 'IN_TRANSIT':
          // on its way to a hold shelf: the member it travels for borrows it first
          freeAt.push(addDays(now, loanDays));
          break;
        case 'LOST':
        case 'MISSING':
        case 'DAMAGED':
        case 'IN_REPAIR':
          // no date it comes back can be told
          break;
      }
    }
    return { freeAt, loanDays };
  }

  /** Free licenses now; offered ones after the claim window and a loan; lent ones at their due instant. */
  private async digitalSupply(tx: Transaction, isbn: string, now: Date): Promise<Supply> {
    const freeAt: Date[] = [];
    for (const copy of await tx.digitalCopies.listByIsbn(isbn)) {
      if (copy.status(now) === 'ENDED') continue;
      const free = Math.min(copy.lendableLicenses(now), 1_000);
      freeAt.push(...Array.from({ length: free }, () => now));
      freeAt.push(...copy.offers.map((o) => addDays(new Date(o.expiresAt), this.rules.loanDays)));
      freeAt.push(...copy.leases.map((l) => new Date(l.dueAt)));
    }
    return { freeAt, loanDays: this.rules.loanDays };
  }
}
