import { AggregateRoot } from '../shared/AggregateRoot.js';
import { requireId, requireText } from '../shared/guards.js';
import type { DomainEvent, HoldReleaseReason } from '../shared/DomainEvent.js';
import { Money } from '../shared/Money.js';
import { IllegalTransitionError, LendingError } from '../lending/LendingError.js';
import { RecordId } from './RecordId.js';
import { LOAN_CATEGORIES, type LoanCategory } from './LoanCategory.js';
import { ValidationError } from '../shared/ShelfmarkError.js';
import type { BookItemPrimitives, CopyDescription, LostLoan } from './BookItemRecord.js';
import { BOOK_ITEM_TRANSITIONS, isOnShelf, ON_SHELF_STATUS, SHELVED_AS, UNREMOVABLE_STATUSES, type BookItemCommand, type BookItemStatus, type Hold, type Transit } from './BookItemStates.js';

export * from './BookItemStates.js';
export type * from './BookItemRecord.js';

/** One physical copy with a barcode: a state machine over `BOOK_ITEM_TRANSITIONS` (see BookItemStates). */
export class BookItem extends AggregateRoot {
  private constructor(
    private props: BookItemPrimitives,
    version: number,
  ) {
    super(version);
  }

  /** A new copy on the shelf, or, given a `status` of `SHELVED_AS`, taken from the shelf there at once (each step recorded). */
  static shelve(input: CopyDescription, now: Date): BookItem {
    const loanCategory = input.loanCategory ?? (input.referenceOnly ? 'REFERENCE' : 'STANDARD');
    if (!LOAN_CATEGORIES.includes(loanCategory)) throw new ValidationError(`unknown loan category ${loanCategory as string}`, { field: 'loanCategory' });
    const status = input.status ?? ON_SHELF_STATUS;
    if (!Object.hasOwn(SHELVED_AS, status)) throw new ValidationError(`a copy cannot be shelved as ${status as string}`, { field: 'status' });
    const item = new BookItem(
      {
        barcode: requireId(input.barcode, 'barcode'),
        isbn: RecordId.key(input.isbn),
        branch: requireText(input.branch, 'branch', 100),
        rack: requireText(input.rack, 'rack', 100),
        referenceOnly: input.referenceOnly ?? loanCategory === 'REFERENCE',
        replacementPrice: input.replacementPrice ? Money.nonNegative(input.replacementPrice.amount, input.replacementPrice.currency).toPrimitives() : null,
        status: ON_SHELF_STATUS,
        hold: null,
        loan: null,
        loanCategory,
        lostLoan: null,
        transit: null,
      },
      0,
    );
    item.record({
      name: 'copy.added',
      occurredAt: now.toISOString(),
      barcode: item.barcode,
      isbn: item.isbn,
      branch: item.props.branch,
    });
    const command = SHELVED_AS[status];
    if (command !== null) item[command](now);
    return item;
  }

  static fromPrimitives(p: BookItemPrimitives, version: number): BookItem {
    return new BookItem({ ...p }, version);
  }

  get barcode(): string {
    return this.props.barcode;
  }
  get isbn(): string {
    return this.props.isbn;
  }
  get branch(): string {
    return this.props.branch;
  }
  get status(): BookItemStatus {
    return this.props.status;
  }
  get isReferenceOnly(): boolean {
    return this.props.referenceOnly;
  }
  get hold(): Hold | null {
    return this.props.hold;
  }
  get borrowerId(): string | null {
    return this.props.loan?.memberId ?? null;
  }
  get loanId(): string | null {
    return this.props.loan?.loanId ?? null;
  }
  get loanCategory(): LoanCategory {
    return this.props.loanCategory ?? (this.props.referenceOnly ? 'REFERENCE' : 'STANDARD');
  }
  get lostLoan(): LostLoan | null {
    return this.props.lostLoan ?? null;
  }
  get transit(): Transit | null {
    return this.props.transit ?? null;
  }
  /** The branch whose hold shelf a held copy waits on: the hold's pickup branch, else the copy's own. */
  get holdShelfBranch(): string | null {
    return this.props.hold === null ? null : (this.props.hold.pickupBranch ?? this.props.branch);
  }
  get replacementPrice(): Money | null {
    return this.props.replacementPrice ? Money.fromPrimitives(this.props.replacementPrice) : null;
  }

  /** True when the state machine accepts `command` from the current state. */
  can(command: BookItemCommand): boolean {
    const row: Partial<Record<BookItemCommand, BookItemStatus>> = BOOK_ITEM_TRANSITIONS[this.props.status];
    return row[command] !== undefined;
  }

  /** On the open shelf, lendable to anyone (see `isOnShelf`). */
  get isOnShelf(): boolean {
    return isOnShelf(this.props);
  }

  /** True when `memberId` could borrow this copy now: on the shelf, or held for them (a reference copy is never held). */
  isLendableTo(memberId: string): boolean {
    return this.refusalToLend(memberId) === null;
  }

  /** Why `memberId` may not borrow this copy now, or null: the copy's checkout refusals, in one place. */
  refusalToLend(memberId: string): LendingError | null {
    const refusal = this.refusalOfCheckOut(memberId);
    if (refusal || this.can('checkOut')) return refusal;
    return new LendingError('COPY_NOT_AVAILABLE', `copy ${this.barcode} is ${this.status}`, { barcode: this.barcode, status: this.status });
  }

  isHoldExpired(now: Date): boolean {
    const expiresAt = this.props.hold?.expiresAt ?? null;
    return expiresAt !== null && Date.parse(expiresAt) <= now.getTime();
  }

  /** Lent to `memberId` on loan `loanId`; the loan records the checkout (`copy.checked-out`), with its due date. */
  checkOut(memberId: string, loanId: string): void {
    const refusal = this.refusalOfCheckOut(memberId);
    if (refusal) throw refusal;
    this.transition('checkOut', { hold: null, loan: { loanId, memberId } });
  }

  /**
   * Back on the shelf after a loan; the loan records the return (`copy.returned`), with how late it was. The caller
   * then offers the copy to the title's queue.
   */
  checkIn(): void {
    this.transition('checkIn', { loan: null });
  }

  /** Back from a loan damaged: it goes to DAMAGED, not to the shelf, until staff send it to repair. */
  checkInDamaged(now: Date): void {
    this.transition('checkInDamaged', { loan: null });
    this.recordStatus('copy.damaged', now);
  }

  /** Found damaged on the shelf. */
  markDamaged(now: Date): void {
    this.transition('markDamaged', {});
    this.recordStatus('copy.damaged', now);
  }

  sendToRepair(now: Date): void {
    this.transition('sendToRepair', {});
    this.recordStatus('copy.sent-to-repair', now);
  }

  /** Repaired: back on the shelf (the caller offers it to the title's queue). */
  returnFromRepair(now: Date): void {
    this.transition('returnFromRepair', {});
    this.recordStatus('copy.repaired', now);
  }

  /** Not where it should be (on the shelf, on a hold shelf, or on its way): returns the hold or transit it ends. */
  markMissing(now: Date): { hold: Hold | null; transit: Transit | null } {
    const { hold } = this.props;
    const transit = this.transit;
    const previousStatus = this.props.status;
    this.transition('markMissing', { hold: null, transit: null });
    if (hold !== null) this.recordHoldReleased(hold, 'COPY_LOST', now);
    this.recordStatus('copy.marked-missing', now, { previousStatus });
    return { hold, transit };
  }

  /** Sent to `to`, for the hold `reservationId` of `memberId` waiting there. */
  sendInTransit(to: string, hold: { memberId: string; reservationId: string }, now: Date): void {
    const transit: Transit = { to, sentAt: now.toISOString(), ...hold };
    this.transition('sendInTransit', { transit });
    this.record({ name: 'copy.in-transit', occurredAt: now.toISOString(), barcode: this.barcode, isbn: this.isbn, to, reservationId: hold.reservationId });
  }

  /** The hold a copy travels for ended on the way: it still travels, for nobody in particular. */
  forgetTransitHold(reservationId: string): void {
    const transit = this.transit;
    if (this.props.status === 'IN_TRANSIT' && transit?.reservationId === reservationId) {
      this.props = { ...this.props, transit: { ...transit, memberId: null, reservationId: null } };
    }
  }

  /** Arrived at `branch`, the branch it was sent to (`WRONG_BRANCH` otherwise): returns the transit it ends. */
  receive(branch: string, now: Date): Transit {
    const transit = this.transit;
    if (this.props.status === 'IN_TRANSIT' && transit !== null && transit.to !== branch) {
      throw new LendingError('WRONG_BRANCH', `copy ${this.barcode} travels to ${transit.to}, not ${branch}`, { barcode: this.barcode, to: transit.to, branch });
    }
    this.transition('receive', { transit: null });
    this.recordStatus('copy.received', now, { branch });
    return transit as Transit;
  }

  holdFor(memberId: string, reservationId: string, expiresAt: Date | null, now: Date, pickupBranch?: string): void {
    if (this.props.referenceOnly) {
      throw new LendingError('REFERENCE_ONLY', `copy ${this.barcode} is for reference only and cannot be held`, { barcode: this.barcode });
    }
    const hold: Hold = { memberId, reservationId, expiresAt: expiresAt?.toISOString() ?? null, ...(pickupBranch === undefined || pickupBranch === this.branch ? {} : { pickupBranch }) };
    this.transition('holdFor', { hold });
    this.record({ name: 'copy.held', occurredAt: now.toISOString(), barcode: this.barcode, isbn: this.isbn, memberId, reservationId, expiresAt: hold.expiresAt });
  }

  releaseHold(reason: HoldReleaseReason, now: Date): Hold {
    const hold = this.props.hold;
    this.transition('releaseHold', { hold: null });
    if (hold === null) throw new IllegalTransitionError('BookItem', this.status, 'releaseHold');
    this.recordHoldReleased(hold, reason, now);
    return hold;
  }

  /** Lost from any state that has one; returns what the copy was doing, so the caller can settle it. */
  markLost(now: Date): { previousStatus: BookItemStatus; hold: Hold | null; loan: BookItemPrimitives['loan'] } {
    const previousStatus = this.props.status;
    const { hold, loan } = this.props;
    this.transition('markLost', { hold: null, loan: null, lostLoan: loan ? { ...loan, lostAt: now.toISOString() } : null });
    if (hold !== null) this.recordHoldReleased(hold, 'COPY_LOST', now);
    this.record({ name: 'copy.marked-lost', occurredAt: now.toISOString(), barcode: this.barcode, isbn: this.isbn, previousStatus });
    return { previousStatus, hold, loan };
  }

  /** Back from LOST; returns the loan it was lost on, if any, so the caller can settle refunds. */
  markFound(now: Date): LostLoan | null {
    const lostLoan = this.lostLoan;
    this.transition('markFound', { lostLoan: null });
    this.record({ name: 'copy.found', occurredAt: now.toISOString(), barcode: this.barcode, isbn: this.isbn });
    return lostLoan;
  }

  /** An emergency closure moved the pickup deadline later; the first deadline is kept. */
  extendHold(expiresAt: Date): void {
    const hold = this.props.hold;
    if (this.props.status !== 'RESERVED' || hold?.expiresAt == null || Date.parse(hold.expiresAt) >= expiresAt.getTime()) return;
    this.props = { ...this.props, hold: { ...hold, expiresAt: expiresAt.toISOString(), originalExpiresAt: hold.originalExpiresAt ?? hold.expiresAt } };
  }

  /** A copy may leave the catalogue only when nobody has it or waits for it. */
  assertRemovable(): void {
    if ((UNREMOVABLE_STATUSES as readonly BookItemStatus[]).includes(this.props.status)) {
      throw new IllegalTransitionError('BookItem', this.props.status, 'remove');
    }
  }

  withdraw(now: Date): void {
    this.assertRemovable();
    this.record({ name: 'copy.removed', occurredAt: now.toISOString(), barcode: this.barcode, isbn: this.isbn });
  }

  toPrimitives(): BookItemPrimitives {
    return { ...this.props };
  }

  private transition(command: BookItemCommand, changes: Partial<BookItemPrimitives>): void {
    const row: Partial<Record<BookItemCommand, BookItemStatus>> = BOOK_ITEM_TRANSITIONS[this.props.status];
    const next = row[command];
    if (next === undefined) throw new IllegalTransitionError('BookItem', this.props.status, command);
    this.props = { ...this.props, ...changes, status: next };
  }

  /** The refusals a checkout meets beyond the state table: a reference copy, or a hold for someone else. */
  private refusalOfCheckOut(memberId: string): LendingError | null {
    if (this.props.referenceOnly) {
      return new LendingError('REFERENCE_ONLY', `copy ${this.barcode} is for reference only and never leaves the library`, { barcode: this.barcode });
    }
    if (this.props.status === 'RESERVED' && this.props.hold?.memberId !== memberId) {
      return new LendingError('COPY_HELD_FOR_ANOTHER_MEMBER', `copy ${this.barcode} is held for another member`, { barcode: this.barcode });
    }
    return null;
  }

  private recordStatus(
    name: 'copy.damaged' | 'copy.sent-to-repair' | 'copy.repaired' | 'copy.marked-missing' | 'copy.received',
    now: Date,
    extra: { previousStatus?: BookItemStatus; branch?: string } = {},
  ): void {
    this.record({ name, occurredAt: now.toISOString(), barcode: this.barcode, isbn: this.isbn, ...extra } as DomainEvent);
  }

  private recordHoldReleased(hold: Hold, reason: HoldReleaseReason, now: Date): void {
    this.record({
      name: 'copy.hold-released',
      occurredAt: now.toISOString(),
      barcode: this.barcode,
      isbn: this.isbn,
      memberId: hold.memberId,
      reservationId: hold.reservationId,
      reason,
    });
  }
}
