import { inject, injectable } from 'inversify';
import type { Clock } from '../domain/shared/Clock.js';
import { requireId, requireInstantLike } from '../domain/shared/guards.js';
import type { ReservationQueue } from '../domain/reservations/ReservationQueue.js';
import { ValidationError } from '../domain/shared/ShelfmarkError.js';
import { HoldAllocator } from './HoldAllocator.js';
import { queueOfReservation } from './lookups.js';
import type { Transaction } from './ports/Store.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import { reservationView, type ReservationView } from './views.js';

export interface SuspendHoldCommand {
  readonly reservationId: string;
  /** ISO instant at which the hold wakes by itself; absent: until the member resumes it. */
  readonly until?: string | Date;
  /** When given, only this member's own hold may be suspended. */
  readonly memberId?: string;
}
export interface ResumeHoldCommand {
  readonly reservationId: string;
  readonly memberId?: string;
}

/**
 * A hold over time, beyond placing and collecting it: suspended and resumed (it keeps its place by arrival order,
 * skipped by `HoldAllocator` meanwhile), woken when its suspension ends, and lapsed when its "not needed after"
 * instant passes unfilled. The sweeps run with the jobs (`UnitOfWork.sweep`); each is safe to run twice.
 */
@injectable()
export class HoldLifecycleService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(HoldAllocator) private readonly holds: HoldAllocator,
  ) {}

  async suspend(command: SuspendHoldCommand): Promise<ReservationView> {
    const reservationId = requireId(command.reservationId, 'reservationId');
    const until = command.until === undefined ? null : requireInstantLike(command.until, 'until');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      if (until !== null && until.getTime() <= now.getTime()) throw new ValidationError('until must be in the future', { field: 'until' });
      const queue = await this.queueOf(tx, reservationId, command.memberId);
      queue.suspend(reservationId, until, now);
      await tx.reservations.save(queue);
      return reservationView(queue.isbn, queue.get(reservationId), null);
    });
  }

  /** Back in line at its old place; a copy on the shelf meanwhile goes to whoever is first now. */
  async resume(command: ResumeHoldCommand): Promise<ReservationView> {
    const reservationId = requireId(command.reservationId, 'reservationId');
    return this.uow.run(async (tx) => {
      const queue = await this.queueOf(tx, reservationId, command.memberId);
      return this.wake(tx, queue.isbn, reservationId, this.clock.now());
    });
  }

  /** The jobs' step: suspensions whose end came are resumed. */
  resumeDue(): Promise<ReservationView[]> {
    const now = this.clock.now();
    return this.uow.sweep(
      (tx) => tx.reservations.listDueToResume(now),
      async (tx, candidate) => {
        const queue = await tx.reservations.forTitle(candidate.isbn, candidate.id);
        return queue.get(candidate.id).isDueToResume(now) ? this.wake(tx, candidate.isbn, candidate.id, now) : null;
      },
    );
  }

  /** The jobs' step: unfilled holds past their "not needed after" lapse, and their members hear so. */
  lapseUnneeded(): Promise<ReservationView[]> {
    const now = this.clock.now();
    return this.uow.sweep(
      (tx) => tx.reservations.listLapsing(now),
      async (tx, candidate) => {
        const queue = await tx.reservations.forTitle(candidate.isbn, candidate.id);
        if (!queue.get(candidate.id).isLapsedAt(now)) return null;
        queue.lapse(candidate.id, now);
        await tx.reservations.save(queue);
        return reservationView(queue.isbn, queue.get(candidate.id), null);
      },
    );
  }

  private async wake(tx: Transaction, isbn: string, reservationId: string, now: Date): Promise<ReservationView> {
    const queue = await tx.reservations.forTitle(isbn, reservationId);
    queue.resume(reservationId, now);
    await tx.reservations.save(queue);
    await this.holds.offerAnyOnShelf(tx, isbn, now, queue);
    const r = queue.get(reservationId);
    return reservationView(isbn, r, r.status === 'WAITING' ? queue.positionOf(r.memberId) : null);
  }

  private queueOf(tx: Transaction, reservationId: string, memberId: string | undefined): Promise<ReservationQueue> {
    return queueOfReservation(tx, reservationId, memberId === undefined ? null : requireId(memberId, 'memberId'));
  }
}
