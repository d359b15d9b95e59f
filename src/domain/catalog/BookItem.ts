import { AggregateRoot } from '../shared/AggregateRoot.js';
import { requireId, requireText } from '../shared/guards.js';
import type { HoldReleaseReason } from '../shared/DomainEvent.js';
import { Money, type MoneyPrimitives } from '../shared/Money.js';
import { IllegalTransitionError, LendingError } from '../lending/LendingError.js';
import { Isbn } from './Isbn.js';
import { LOAN_CATEGORIES, type LoanCategory } from './LoanCategory.js';
import { ValidationError } from '../shared/ShelfmarkError.js';

export type BookItemStatus = 'AVAILABLE' | 'RESERVED' | 'LOANED' | 'LOST';
export type BookItemCommand = 'checkOut' | 'checkIn' | 'holdFor' | 'releaseHold' | 'markLost' | 'markFound';

/** The copy's life as data: from each state, the commands it accepts and where they lead. */
export const BOOK_ITEM_TRANSITIONS = {
  AVAILABLE: { checkOut: 'LOANED', holdFor: 'RESERVED', markLost: 'LOST' },
  RESERVED: { checkOut: 'LOANED', releaseHold: 'AVAILABLE', markLost: 'LOST' },
  LOANED: { checkIn: 'AVAILABLE', markLost: 'LOST' },
  LOST: { markFound: 'AVAILABLE' },
} as const satisfies Record<BookItemStatus, Partial<Record<BookItemCommand, BookItemStatus>>>;

export interface Hold {
  readonly memberId: string;
  readonly reservationId: string;
  /** Pickup deadline; null when the policy keeps holds until collected. */
  readonly expiresAt: string | null;
  /** The deadline first given, kept when an emergency closure moved it (absent: never moved). */
  readonly originalExpiresAt?: string | null;
}

/** The status of a copy on the open shelf. */
export const ON_SHELF_STATUS = 'AVAILABLE' satisfies BookItemStatus;

/**
 * "On the shelf", the one rule: the copy sits on the open shelf and may leave the library — any member may take it
 * out, and a waiting hold may be offered it. A reference-only copy is on a shelf but never on *the* shelf. Takes
 * a copy or its primitives (or a view with the same two fields); stores that must filter in the database build
 * their predicate from ON_SHELF_STATUS.
 */
export function isOnShelf(copy: { readonly status: BookItemStatus; readonly referenceOnly: boolean }): boolean {
  return copy.status === ON_SHELF_STATUS && !copy.referenceOnly;
}

/** The statuses of a copy in circulation: on the shelf or out on loan (not held for someone, not lost). */
export const IN_CIRCULATION_STATUSES = ['AVAILABLE', 'LOANED'] as const satisfies readonly BookItemStatus[];

/**
 * "In circulation": a lendable copy on the shelf or out on loan, one that could meet a waiting hold soon. A renewal
 * with members waiting may go ahead when enough other copies are in circulation (`RENEWAL_CHECKS`).
 */
export function isInCirculation(copy: { readonly status: BookItemStatus; readonly referenceOnly: boolean }): boolean {
  return !copy.referenceOnly && (IN_CIRCULATION_STATUSES as readonly BookItemStatus[]).includes(copy.status);
}

/** The status of a copy that can never meet a hold until it is found. */
export const MISSING_STATUS = 'LOST' satisfies BookItemStatus;

/** "May meet a hold": a lendable copy that is not lost. A title may be reserved only while it has one. */
export function mayMeetHold(copy: { readonly status: BookItemStatus; readonly referenceOnly: boolean }): boolean {
  return !copy.referenceOnly && copy.status !== MISSING_STATUS;
}

/** The loan a copy was on when it was declared lost: the refund window is counted from `lostAt`. */
export interface LostLoan {
  readonly loanId: string;
  readonly memberId: string;
  readonly lostAt: string;
}

export interface BookItemPrimitives {
  readonly barcode: string;
  readonly isbn: string;
  readonly branch: string;
  readonly rack: string;
  readonly referenceOnly: boolean;
  readonly replacementPrice: MoneyPrimitives | null;
  readonly status: BookItemStatus;
  readonly hold: Hold | null;
  readonly loan: { readonly loanId: string; readonly memberId: string } | null;
  /** Loan category for rule matching (absent in older records: REFERENCE when reference-only, else STANDARD). */
  readonly loanCategory?: LoanCategory;
  /** Set while the copy is LOST after being lost on loan (absent: null). */
  readonly lostLoan?: LostLoan | null;
}

export interface CopyDescription {
  readonly barcode: string;
  readonly isbn: string;
  readonly branch: string;
  readonly rack: string;
  readonly referenceOnly?: boolean;
  readonly replacementPrice?: Money;
  /** Default STANDARD, or REFERENCE for a reference-only copy; a REFERENCE copy is always reference-only. */
  readonly loanCategory?: LoanCategory;
}

/** One physical copy with a barcode: a state machine AVAILABLE / RESERVED / LOANED / LOST. */
export class BookItem extends AggregateRoot {
  private constructor(
    private props: BookItemPrimitives,
    version: number,
  ) {
    super(version);
  }

  static shelve(input: CopyDescription, now: Date): BookItem {
    const loanCategory = input.loanCategory ?? (input.referenceOnly ? 'REFERENCE' : 'STANDARD');
    if (!LOAN_CATEGORIES.includes(loanCategory)) throw new ValidationError(`unknown loan category ${loanCategory as string}`, { field: 'loanCategory' });
    const item = new BookItem(
      {
        barcode: requireId(input.barcode, 'barcode'),
        isbn: Isbn.parse(input.isbn).value,
        branch: requireText(input.branch, 'branch', 100),
        rack: requireText(input.rack, 'rack', 100),
        referenceOnly: input.referenceOnly ?? loanCategory === 'REFERENCE',
        replacementPrice: input.replacementPrice ? Money.nonNegative(input.replacementPrice.amount, input.replacementPrice.currency).toPrimitives() : null,
        status: ON_SHELF_STATUS,
        hold: null,
        loan: null,
        loanCategory,
        lostLoan: null,
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

  holdFor(memberId: string, reservationId: string, expiresAt: Date | null, now: Date): void {
    if (this.props.referenceOnly) {
      throw new LendingError('REFERENCE_ONLY', `copy ${this.barcode} is for reference only and cannot be held`, {
        barcode: this.barcode,
      });
    }
    const hold: Hold = { memberId, reservationId, expiresAt: expiresAt?.toISOString() ?? null };
    this.transition('holdFor', { hold });
    this.record({ name: 'copy.held', occurredAt: now.toISOString(), barcode: this.barcode, isbn: this.isbn, ...hold });
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
    if (this.props.status === 'LOANED' || this.props.status === 'RESERVED') {
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
