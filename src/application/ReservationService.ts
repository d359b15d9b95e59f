import { inject, injectable } from 'inversify';
import { RecordId } from '../domain/catalog/RecordId.js';
import { alreadyBorrowedTitle } from '../domain/policy/CheckoutRules.js';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import { HOLD_FORMATS, type HoldFormat } from '../domain/reservations/Reservation.js';
import { ReservationError } from '../domain/reservations/ReservationError.js';
import { assertUnderReservationLimit } from '../domain/reservations/ReservationLimit.js';
import { ValidationError } from '../domain/shared/ShelfmarkError.js';
import { DigitalHoldAllocator } from './digital/DigitalHoldAllocator.js';
import type { Clock } from '../domain/shared/Clock.js';
import { requireId, requireInstantLike } from '../domain/shared/guards.js';
import { HoldAllocator } from './HoldAllocator.js';
import { RuleBook, type StaffOverride } from './rules/RuleBook.js';
import { queueOfReservation, requireBook, requireBranch, requireCopy, requireMember } from './lookups.js';
import type { IdGenerator } from './ports/IdGenerator.js';
import type { Transaction } from './ports/Store.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import { reservationView, type HoldView, type ReservationView } from './views.js';

export interface ReserveCommand {
  readonly memberId: string;
  /** The title: its ISBN in any form, or its record id when it has none (read by `RecordId.key`). */
  readonly isbn: string;
  /** Staff placing the request despite patron blocks; recorded with its reason. */
  readonly override?: StaffOverride;
  /** Which world may satisfy the hold: PRINT (default), DIGITAL or ANY (whichever comes first). */
  readonly format?: HoldFormat;
  /** The branch whose hold shelf the member collects from (default: wherever the copy is). */
  readonly pickupBranch?: string;
  /** ISO instant after which the member no longer wants the title: the unfilled hold lapses then. */
  readonly notNeededAfter?: string | Date;
}
export interface CancelReservationCommand {
  readonly reservationId: string;
  /** When given, only this member's own reservation may be cancelled. */
  readonly memberId?: string;
}

/** FIFO holds per title: place, cancel, and the sweep that expires uncollected holds. */
@injectable()
export class ReservationService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(HoldAllocator) private readonly holds: HoldAllocator,
    @inject(RuleBook) private readonly rules: RuleBook,
    @inject(DigitalHoldAllocator) private readonly digitalHolds: DigitalHoldAllocator,
  ) {}

  /**
   * Joins the title's queue; when a copy is on the shelf it goes straight to the hold shelf for this member.
   *
   * A copy coming back to the shelf at the same moment (a return, a found copy, a lapsed or cancelled hold) must not
   * stay there while this member waits. Both sides write the title's queue: this reservation saves it with the new
   * place, and `HoldAllocator.offer` saves it even when nobody waits. So one of the two commits first and the other's
   * version check fails: either this reservation re-runs and finds the copy on the shelf, or the copy's use case
   * re-runs and finds this member in the queue. (On PostgreSQL the queue row is also locked, so the two usually wait
   * for each other instead of re-running.) Without that shared write each would decide on the other's old state
   * (write skew). Only the queue, the member and the reservation are written, however many copies the title has.
   */
  async reserve(command: ReserveCommand): Promise<ReservationView> {
    const memberId = requireId(command.memberId, 'memberId');
    const isbn = RecordId.key(command.isbn);
    const format = command.format ?? 'PRINT';
    if (!HOLD_FORMATS.includes(format)) throw new ValidationError('format must be PRINT, DIGITAL or ANY', { field: 'format' });
    const pickupBranch = command.pickupBranch === undefined ? null : requireId(command.pickupBranch, 'pickupBranch');
    const notNeededAfter = command.notNeededAfter === undefined ? null : requireInstantLike(command.notNeededAfter, 'notNeededAfter');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      if (notNeededAfter !== null && notNeededAfter.getTime() <= now.getTime()) {
        throw new ValidationError('notNeededAfter must be in the future', { field: 'notNeededAfter' });
      }
      const member = await requireMember(tx, memberId);
      await requireBook(tx, isbn);
      if (pickupBranch !== null) await requireBranch(tx, pickupBranch);
      const rule = this.policy.ruleFor(member);
      const standing = await this.rules.standingOf(tx, member.id);
      this.rules.assertMayAct(member, 'request', rule, standing, now, command.override);
      const existing = standing.reservationOf(isbn);
      if (existing) {
        throw new ReservationError('ALREADY_RESERVED', `member ${memberId} already reserved ${isbn}`, { memberId, isbn, reservationId: existing.id });
      }
      assertUnderReservationLimit(memberId, standing.reservations.length, rule.maxActiveReservations);
      const reading = format === 'PRINT' ? [] : await tx.digitalLoans.activeForMember(memberId);
      if (standing.isBorrowing(isbn) || reading.some((l) => l.isbn === isbn)) {
        throw alreadyBorrowedTitle(memberId, isbn);
      }
      const printed = format !== 'DIGITAL' && (await tx.items.anyToMeetHold(isbn));
      const licensed = format === 'PRINT' ? [] : (await tx.digitalCopies.listByIsbn(isbn)).filter((c) => c.status(now) !== 'ENDED');
      if (!printed && licensed.length === 0) {
        throw new ReservationError('NOTHING_TO_RESERVE', `${isbn} has no copies that can be lent`, { isbn });
      }
      const queue = await tx.reservations.forTitle(isbn);
      const reservationId = this.ids.next('res');
      queue.place(reservationId, memberId, now, { format, pickupBranch, notNeededAfter });
      await tx.reservations.save(queue);
      // Saved even when unchanged: the version bump serialises this member's reservations, so two racing for the
      // last place under the reservation limit cannot both join (the later one re-runs and counts the other).
      await tx.members.save(member);
      await this.holds.offerAnyOnShelf(tx, isbn, now, queue);
      await this.digitalHolds.offerAnyFree(tx, isbn, now);
      return this.view(tx, isbn, reservationId);
    });
  }

  /** Cancels; a copy that was waiting on the hold shelf passes to the next member in line. */
  async cancel(command: CancelReservationCommand): Promise<ReservationView> {
    const reservationId = requireId(command.reservationId, 'reservationId');
    const onlyFor = command.memberId === undefined ? null : requireId(command.memberId, 'memberId');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const queue = await queueOfReservation(tx, reservationId, onlyFor);
      const isbn = queue.isbn;
      const reservation = queue.get(reservationId);
      const offeredCopyId = reservation.status === 'READY_FOR_PICKUP' ? reservation.copyId : null;
      const travelling = reservation.status === 'IN_TRANSIT' ? reservation.barcode : null;
      const heldBarcode = queue.cancel(reservationId, now);
      await tx.reservations.save(queue);
      if (travelling !== null) {
        // The copy on its way travels on, for nobody: it is offered to the queue where it arrives.
        const item = await requireCopy(tx, travelling);
        item.forgetTransitHold(reservationId);
        await tx.items.save(item);
      }
      if (heldBarcode !== null) {
        const item = await requireCopy(tx, heldBarcode);
        item.releaseHold('CANCELLED', now);
        await tx.items.save(item);
        await this.holds.offer(tx, item, now);
      }
      if (offeredCopyId !== null) await this.digitalHolds.withdraw(tx, offeredCopyId, reservationId, now);
      return this.view(tx, isbn, reservationId);
    });
  }

  /**
   * The pickup sweep: every hold whose deadline passed expires, and its copy is offered to the
   * next member. Safe to run twice: a hold already expired is skipped.
   */
  expirePickups(): Promise<ReservationView[]> {
    const now = this.clock.now();
    return this.uow.sweep(
      (tx) => tx.items.listExpiredHolds(now),
      async (tx, candidate) => {
        const item = await tx.items.get(candidate.barcode);
        if (!item?.isHoldExpired(now)) return null;
        const hold = item.releaseHold('EXPIRED', now);
        const queue = await tx.reservations.forTitle(item.isbn);
        queue.expire(hold.reservationId, now);
        await tx.items.save(item);
        await tx.reservations.save(queue);
        await this.holds.offer(tx, item, now);
        return this.view(tx, item.isbn, hold.reservationId);
      },
    );
  }

  /** The copies waiting on a branch's hold shelf, by barcode: each with its member and pickup deadline. */
  async holdShelf(branchInput: string): Promise<HoldView[]> {
    const branch = requireId(branchInput, 'branch');
    return this.uow.run(async (tx) => {
      await requireBranch(tx, branch);
      return (await tx.items.onHoldShelf(branch)).flatMap((item) => {
        const hold = item.hold;
        return hold === null ? [] : [{ barcode: item.barcode, memberId: hold.memberId, reservationId: hold.reservationId, expiresAt: hold.expiresAt }];
      });
    });
  }

  async get(reservationId: string): Promise<ReservationView> {
    const id = requireId(reservationId, 'reservationId');
    return this.uow.run(async (tx) => this.view(tx, (await queueOfReservation(tx, id)).isbn, id));
  }

  /** The member's active (waiting or ready) reservations of every title, each with its place in its queue. */
  async activeOf(memberId: string): Promise<ReservationView[]> {
    const id = requireId(memberId, 'memberId');
    return this.uow.run(async (tx) => {
      await requireMember(tx, id);
      const reservations = await tx.reservations.activeForMember(id);
      const queues = await Promise.all(reservations.map((r) => tx.reservations.forTitle(r.isbn)));
      return reservations.map((r, i) => reservationView(r.isbn, r, queues[i]?.positionOf(r.memberId) ?? null));
    });
  }

  /** The active reservations of a title in queue order: ready ones first, then waiting by arrival. */
  async queueFor(isbnInput: string): Promise<ReservationView[]> {
    const isbn = RecordId.key(isbnInput);
    return this.uow.run(async (tx) => {
      const queue = await tx.reservations.forTitle(isbn);
      return queue.active().map((r) => reservationView(isbn, r, queue.positionOf(r.memberId)));
    });
  }

  /** A member's active reservations (waiting, or with a copy or license waiting for them), each with its place in line. */
  async activeFor(memberIdInput: string): Promise<ReservationView[]> {
    const memberId = requireId(memberIdInput, 'memberId');
    return this.uow.run(async (tx) => {
      const views: ReservationView[] = [];
      for (const r of await tx.reservations.activeForMember(memberId)) views.push(await this.view(tx, r.isbn, r.id));
      return views;
    });
  }

  private async view(tx: Transaction, isbn: string, reservationId: string): Promise<ReservationView> {
    const queue = await tx.reservations.forTitle(isbn, reservationId);
    const r = queue.get(reservationId);
    return reservationView(isbn, r, r.status === 'WAITING' ? queue.positionOf(r.memberId) : null);
  }
}
