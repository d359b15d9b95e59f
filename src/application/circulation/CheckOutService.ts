import { inject, injectable } from 'inversify';
import type { BookItem } from '../../domain/catalog/BookItem.js';
import { RecordId } from '../../domain/catalog/RecordId.js';
import { LendingError } from '../../domain/lending/LendingError.js';
import { Loan } from '../../domain/lending/Loan.js';
import { alreadyBorrowedTitle, checkoutRefusals } from '../../domain/policy/CheckoutRules.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { requireId } from '../../domain/shared/guards.js';
import { DigitalHoldAllocator } from '../digital/DigitalHoldAllocator.js';
import { HoldAllocator } from '../HoldAllocator.js';
import { activeReservationOf, requireBook, requireCopy, requireMember } from '../lookups.js';
import type { IdGenerator } from '../ports/IdGenerator.js';
import type { Transaction } from '../ports/Store.js';
import type { MemberStanding } from '../rules/MemberStanding.js';
import { RuleBook, settle, type StaffOverride } from '../rules/RuleBook.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { loanView, type LoanView } from '../views.js';

export interface CheckOutCommand {
  readonly memberId: string;
  readonly barcode: string;
  /** Staff lending despite patron blocks; recorded with its reason. */
  readonly override?: StaffOverride;
}
export interface TitleCheckOutCommand {
  readonly memberId: string;
  /** The title: its ISBN in any form, or its record id when it has none (read by `RecordId.key`). */
  readonly isbn: string;
}

/** Lending a copy: every refusal of `CHECKOUT_CHECKS` decided first, then the loan, the copy and any hold it fulfils. */
@injectable()
export class CheckOutService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(HoldAllocator) private readonly holds: HoldAllocator,
    @inject(RuleBook) private readonly rules: RuleBook,
    @inject(DigitalHoldAllocator) private readonly digitalHolds: DigitalHoldAllocator,
  ) {}

  /** Lends a copy that is on the shelf or on the hold shelf for this member. */
  async checkOut(command: CheckOutCommand): Promise<LoanView> {
    const memberId = requireId(command.memberId, 'memberId');
    const barcode = requireId(command.barcode, 'barcode');
    return this.uow.run((tx) => this.lend(tx, memberId, barcode, command.override));
  }

  /**
   * Lends any copy of a title (borrowing by book, not by barcode): the copy on the hold shelf
   * for this member if there is one, else the first copy on the open shelf; NO_COPY_ON_SHELF otherwise.
   */
  async checkOutTitle(command: TitleCheckOutCommand): Promise<LoanView> {
    const memberId = requireId(command.memberId, 'memberId');
    const isbn = RecordId.key(command.isbn);
    return this.uow.run(async (tx) => {
      await requireMember(tx, memberId);
      await requireBook(tx, isbn);
      if ((await tx.loans.openForMember(memberId)).some((l) => l.isbn === isbn)) throw alreadyBorrowedTitle(memberId, isbn);
      const reservation = await activeReservationOf(tx, memberId, isbn);
      const held = reservation === null ? null : ((await tx.reservations.forTitle(isbn)).activeFor(memberId)?.barcode ?? null);
      const barcode = held ?? (await tx.items.firstOnShelf(isbn))?.barcode;
      if (barcode === undefined) throw new LendingError('NO_COPY_ON_SHELF', `no copy of ${isbn} is on the shelf for ${memberId}`, { memberId, isbn });
      return this.lend(tx, memberId, barcode);
    });
  }

  /** Open loans of any copy of a title, oldest first: who has this book right now. */
  async openLoansOf(isbn: string): Promise<LoanView[]> {
    const id = RecordId.key(isbn);
    return this.uow.run(async (tx) => (await tx.loans.openForTitle(id)).map(loanView));
  }

  private async lend(tx: Transaction, memberId: string, barcode: string, override?: StaffOverride): Promise<LoanView> {
    const now = this.clock.now();
    // Everything the decision needs, read side by side (one round trip on a pipelining database).
    const [member, item, standing] = await Promise.all([requireMember(tx, memberId), requireCopy(tx, barcode), this.rules.standingOf(tx, memberId)]);
    const facts = await this.rules.checkoutFacts(tx, member, item, standing, now);
    settle(member, 'borrow', checkoutRefusals(facts), now, override);
    await this.fulfilReservation(tx, standing, item, now);
    const { dueAt } = await this.rules.dueDate(facts.rule, item, member, now);
    const loan = Loan.open({ id: this.ids.next('loan'), barcode, isbn: item.isbn, memberId, dueAt }, now);
    item.checkOut(memberId, loan.id);
    await tx.items.save(item);
    await tx.loans.save(loan);
    // Saved even when unchanged: the version bump makes a concurrent checkout by this member lose its race and
    // re-run against the committed loans, so two checkouts can never both pass the loan limit.
    await tx.members.save(member);
    return loanView(loan);
  }

  /** Borrowing a title one has reserved fulfils the reservation; a copy held elsewhere for them is passed on. */
  private async fulfilReservation(tx: Transaction, standing: MemberStanding, item: BookItem, now: Date): Promise<void> {
    const known = standing.reservationOf(item.isbn);
    if (known === null) return;
    // The queue as of its lock decides: the reservation may have been cancelled or expired since the standing was read.
    const queue = await tx.reservations.forTitle(item.isbn);
    const reservation = queue.activeFor(known.memberId);
    if (!reservation) return;
    const reservationId = reservation.id;
    const otherHeldBarcode = reservation.barcode;
    const offeredLicense = reservation.status === 'READY_FOR_PICKUP' ? reservation.copyId : null;
    const travelling = reservation.status === 'IN_TRANSIT';
    queue.fulfil(reservationId, item.barcode, now);
    await tx.reservations.save(queue);
    if (offeredLicense !== null) await this.digitalHolds.withdraw(tx, offeredLicense, reservationId, now);
    if (otherHeldBarcode !== null && otherHeldBarcode !== item.barcode && travelling) {
      // The copy travelling to them travels on, for nobody: it is offered to the queue where it arrives.
      const other = await requireCopy(tx, otherHeldBarcode);
      other.forgetTransitHold(reservationId);
      await tx.items.save(other);
    } else if (otherHeldBarcode !== null && otherHeldBarcode !== item.barcode) {
      const other = await requireCopy(tx, otherHeldBarcode);
      other.releaseHold('CANCELLED', now);
      await tx.items.save(other);
      await this.holds.offer(tx, other, now);
    }
  }
}
