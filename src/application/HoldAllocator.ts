import { inject, injectable } from 'inversify';
import type { BookItem } from '../domain/catalog/BookItem.js';
import type { ReservationQueue } from '../domain/reservations/ReservationQueue.js';
import { requireMember } from './lookups.js';
import type { Transaction } from './ports/Store.js';
import { RuleBook } from './rules/RuleBook.js';
import type { HoldView } from './views.js';

/**
 * Whenever a copy comes back to the shelf (return, cancelled or expired hold, new copy, found copy)
 * it is first offered to the longest-waiting hold that accepts PRINT (DIGITAL-only holds wait for a
 * license instead), inside the same transaction.
 * This keeps the invariant: no copy stays on the shelf while somebody waits for its title.
 */
@injectable()
export class HoldAllocator {
  constructor(@inject(RuleBook) private readonly rules: RuleBook) {}

  /**
   * `queue` is the title's queue when the caller has read it already in this transaction; `at` is the branch where the
   * copy is now (default: its own). A member who chose another pickup branch is not served from this hold shelf: the
   * copy goes IN_TRANSIT there, and is held for them when it arrives (`TransitService.receive`).
   */
  async offer(tx: Transaction, item: BookItem, now: Date, queue?: ReservationQueue, at: string = item.branch): Promise<HoldView | null> {
    if (!item.isOnShelf) return null;
    queue ??= await tx.reservations.forTitle(item.isbn);
    const next = queue.nextWaiting('PRINT');
    if (!next) {
      // Saved unchanged: every copy that lands on the shelf writes its title's queue, and so does every reservation.
      // A reservation racing this copy's way back then conflicts here (see ReservationService.reserve).
      await tx.reservations.save(queue);
      return null;
    }
    const pickupBranch = next.pickupBranch ?? at;
    if (pickupBranch !== at) {
      queue.route(next.id, item.barcode, now);
      item.sendInTransit(pickupBranch, { memberId: next.memberId, reservationId: next.id }, now);
      await tx.reservations.save(queue);
      await tx.items.save(item);
      return { barcode: item.barcode, memberId: next.memberId, reservationId: next.id, expiresAt: null, inTransitTo: pickupBranch };
    }
    return this.holdOnShelf(tx, item, queue, next.id, next.memberId, pickupBranch, now);
  }

  /** Puts the copy on `branch`'s hold shelf for the reservation, its pickup window counted from `now` on that branch's calendar. */
  async holdOnShelf(tx: Transaction, item: BookItem, queue: ReservationQueue, reservationId: string, memberId: string, branch: string, now: Date): Promise<HoldView> {
    const member = await requireMember(tx, memberId);
    const expiresAt = await this.rules.pickupDeadline(await this.rules.ruleFor(tx, member, item), item, now, branch);
    queue.markReady(reservationId, item.barcode, expiresAt, now);
    item.holdFor(memberId, reservationId, expiresAt, now, branch);
    await tx.reservations.save(queue);
    await tx.items.save(item);
    return { barcode: item.barcode, memberId, reservationId, expiresAt: expiresAt?.toISOString() ?? null };
  }

  /** Offers the copy of the title on the shelf with the lowest barcode, if any (after a hold was placed or lost), reading no other copy. */
  async offerAnyOnShelf(tx: Transaction, isbn: string, now: Date, queue?: ReservationQueue): Promise<HoldView | null> {
    const onShelf = await tx.items.firstOnShelf(isbn);
    return onShelf ? this.offer(tx, onShelf, now, queue) : null;
  }
}
