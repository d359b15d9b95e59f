import { inject, injectable } from 'inversify';
import type { BookItem } from '../../domain/catalog/BookItem.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { requireId } from '../../domain/shared/guards.js';
import { HoldAllocator } from '../HoldAllocator.js';
import { requireBranch, requireCopy } from '../lookups.js';
import type { Transaction } from '../ports/Store.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { copyView, type CopyView, type HoldView } from '../views.js';

/** A copy after a staff action that may have put it back in circulation: where it is now, and the hold it went to. */
export interface CopyMoved {
  readonly copy: CopyView;
  readonly heldFor: HoldView | null;
}

/**
 * The staff side of a copy's state machine beyond lending: receiving a copy in transit, damage and repair, a copy
 * missing from its shelf. Each command is one transition of `BOOK_ITEM_TRANSITIONS` (refused by it from any other
 * state); a copy that comes back to the shelf is offered to its title's queue at once.
 */
@injectable()
export class CopyStatusService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(HoldAllocator) private readonly holds: HoldAllocator,
  ) {}

  /**
   * A copy in transit checked in at the branch it was sent to: it goes onto that branch's hold shelf for the member it
   * travelled for, the pickup window counted from now (its arrival); if that hold ended on the way, to the queue.
   */
  receive(command: { readonly barcode: string; readonly branch: string }): Promise<CopyMoved> {
    const barcode = requireId(command.barcode, 'barcode');
    const branch = requireId(command.branch, 'branch');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      await requireBranch(tx, branch);
      const queue = await tx.reservations.forTitleOfCopy(barcode);
      const item = await requireCopy(tx, barcode);
      const transit = item.receive(branch, now);
      const awaited = transit.reservationId === null || queue === null ? null : (queue.active().find((r) => r.id === transit.reservationId) ?? null);
      if (queue !== null && awaited?.status === 'IN_TRANSIT') {
        const heldFor = await this.holds.holdOnShelf(tx, item, queue, awaited.id, awaited.memberId, branch, now);
        return { copy: copyView(item), heldFor };
      }
      await tx.items.save(item);
      const heldFor = await this.holds.offer(tx, item, now, queue ?? undefined, branch);
      return { copy: copyView(item), heldFor };
    });
  }

  /** Found damaged on the shelf: out of circulation until repaired. */
  markDamaged(command: { readonly barcode: string }): Promise<CopyView> {
    return this.change(command.barcode, (item, now) => {
      item.markDamaged(now);
    });
  }

  sendToRepair(command: { readonly barcode: string }): Promise<CopyView> {
    return this.change(command.barcode, (item, now) => {
      item.sendToRepair(now);
    });
  }

  /** Repaired: back on the shelf, or straight to the first member waiting. */
  returnFromRepair(command: { readonly barcode: string }): Promise<CopyMoved> {
    const barcode = requireId(command.barcode, 'barcode');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const queue = await tx.reservations.forTitleOfCopy(barcode);
      const item = await requireCopy(tx, barcode);
      item.returnFromRepair(now);
      await tx.items.save(item);
      const heldFor = await this.holds.offer(tx, item, now, queue ?? undefined);
      return { copy: copyView(item), heldFor };
    });
  }

  /**
   * Not on its shelf, its hold shelf, or where it was sent: the member it was held or travelling for goes back to
   * their place in line, and another copy on the shelf is offered. `circulation.markFound` brings it back.
   */
  markMissing(command: { readonly barcode: string }): Promise<CopyView> {
    const barcode = requireId(command.barcode, 'barcode');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const queue = await tx.reservations.forTitleOfCopy(barcode);
      const item = await requireCopy(tx, barcode);
      const { hold, transit } = item.markMissing(now);
      await tx.items.save(item);
      const reservationId = hold?.reservationId ?? transit?.reservationId ?? null;
      if (queue !== null && reservationId !== null && queue.active().some((r) => r.id === reservationId)) {
        queue.requeue(reservationId, now);
        await tx.reservations.save(queue);
        await this.holds.offerAnyOnShelf(tx, item.isbn, now, queue);
      }
      return copyView(item);
    });
  }

  private change(barcodeInput: string, transition: (item: BookItem, now: Date) => void): Promise<CopyView> {
    const barcode = requireId(barcodeInput, 'barcode');
    return this.uow.run(async (tx: Transaction) => {
      const item = await requireCopy(tx, barcode);
      transition(item, this.clock.now());
      await tx.items.save(item);
      return copyView(item);
    });
  }
}
