import { AggregateRoot } from '../shared/AggregateRoot.js';
import { daysLate } from '../shared/Clock.js';
import type { ClaimResolution } from '../shared/DomainEvent.js';
import { IllegalTransitionError, LendingError } from './LendingError.js';

export type LoanStatus = 'OPEN' | 'RETURNED' | 'LOST';
type LoanCommand = 'renew' | 'recall' | 'shiftDueDate' | 'claimReturned' | 'close' | 'closeAsLost' | 'recover';

export const LOAN_TRANSITIONS = {
  OPEN: { renew: 'OPEN', recall: 'OPEN', shiftDueDate: 'OPEN', claimReturned: 'OPEN', close: 'RETURNED', closeAsLost: 'LOST' },
  RETURNED: {},
  LOST: { recover: 'RETURNED' },
} as const satisfies Record<LoanStatus, Partial<Record<LoanCommand, LoanStatus>>>;

export interface LoanPrimitives {
  readonly id: string;
  readonly barcode: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly memberId: string;
  readonly status: LoanStatus;
  readonly checkedOutAt: string;
  readonly dueAt: string;
  readonly returnedAt: string | null;
  readonly renewals: number;
  /** The due date at checkout or last renewal, kept when a recall or a closure moved it (absent in older records: null). */
  readonly originalDueAt?: string | null;
  /** When another member recalled the copy (absent: never). */
  readonly recalledAt?: string | null;
  /** When the borrower said they had returned it; fines stop accruing there (absent: never). */
  readonly claimedReturnedAt?: string | null;
  /** When the loan was closed as lost (absent: not lost, or lost before this was recorded). */
  readonly lostAt?: string | null;
}

/** One checkout of one copy by one member: when it left, when it is due, when it came back. */
export class Loan extends AggregateRoot {
  private constructor(
    private props: LoanPrimitives,
    version: number,
  ) {
    super(version);
  }

  /** Starts the loan of a copy; records `copy.checked-out`, the loan's first event. */
  static open(input: { id: string; barcode: string; isbn: string; memberId: string; dueAt: Date }, now: Date): Loan {
    const loan = new Loan(
      {
        id: input.id,
        barcode: input.barcode,
        isbn: input.isbn,
        memberId: input.memberId,
        status: 'OPEN',
        checkedOutAt: now.toISOString(),
        dueAt: input.dueAt.toISOString(),
        returnedAt: null,
        renewals: 0,
        originalDueAt: null,
        recalledAt: null,
        claimedReturnedAt: null,
        lostAt: null,
      },
      0,
    );
    loan.record({ name: 'copy.checked-out', occurredAt: now.toISOString(), barcode: loan.barcode, isbn: loan.isbn, memberId: loan.memberId, loanId: loan.id, dueAt: loan.props.dueAt });
    return loan;
  }

  /** Rehydrates silently; records written before recalls and claims existed load with those fields empty. */
  static fromPrimitives(p: LoanPrimitives, version: number): Loan {
    return new Loan({ originalDueAt: null, recalledAt: null, claimedReturnedAt: null, lostAt: null, ...p }, version);
  }

  get id(): string {
    return this.props.id;
  }
  get barcode(): string {
    return this.props.barcode;
  }
  get isbn(): string {
    return this.props.isbn;
  }
  get memberId(): string {
    return this.props.memberId;
  }
  get status(): LoanStatus {
    return this.props.status;
  }
  get isOpen(): boolean {
    return this.props.status === 'OPEN';
  }
  get checkedOutAt(): Date {
    return new Date(this.props.checkedOutAt);
  }
  get dueAt(): Date {
    return new Date(this.props.dueAt);
  }
  get returnedAt(): Date | null {
    return this.props.returnedAt === null ? null : new Date(this.props.returnedAt);
  }
  get renewals(): number {
    return this.props.renewals;
  }
  get originalDueAt(): Date | null {
    return dateOrNull(this.props.originalDueAt);
  }
  get recalledAt(): Date | null {
    return dateOrNull(this.props.recalledAt);
  }
  get isRecalled(): boolean {
    return this.recalledAt !== null;
  }
  get claimedReturnedAt(): Date | null {
    return dateOrNull(this.props.claimedReturnedAt);
  }
  get isClaimedReturned(): boolean {
    return this.claimedReturnedAt !== null;
  }
  get lostAt(): Date | null {
    return dateOrNull(this.props.lostAt);
  }

  /** The instant fines stop accruing: the claimed return, if the borrower made one, else `now`. */
  fineAccrualEnd(now: Date): Date {
    const claimed = this.claimedReturnedAt;
    return claimed !== null && claimed.getTime() < now.getTime() ? claimed : now;
  }

  isOverdue(now: Date): boolean {
    return this.isOpen && now.getTime() > Date.parse(this.props.dueAt);
  }

  /** Extends the loan; the new due date is never earlier than the current one. */
  renew(newDueAt: Date, now: Date): void {
    const previousDueAt = this.props.dueAt;
    const dueAt = new Date(Math.max(newDueAt.getTime(), Date.parse(previousDueAt))).toISOString();
    this.transition('renew', { dueAt, renewals: this.props.renewals + 1 });
    this.record({
      name: 'loan.renewed',
      occurredAt: now.toISOString(),
      loanId: this.id,
      barcode: this.barcode,
      memberId: this.memberId,
      previousDueAt,
      dueAt,
      renewals: this.props.renewals,
    });
  }

  /**
   * Another member needs the copy: the loan becomes due at `newDueAt` if that is sooner (the caller has already
   * applied the guaranteed minimum loan period). The original due date is kept.
   */
  recall(newDueAt: Date, recalledFor: string, now: Date): void {
    const previousDueAt = this.props.dueAt;
    const dueAt = new Date(Math.min(newDueAt.getTime(), Date.parse(previousDueAt))).toISOString();
    this.transition('recall', { dueAt, recalledAt: now.toISOString(), originalDueAt: this.props.originalDueAt ?? previousDueAt });
    this.record({ name: 'loan.recalled', occurredAt: now.toISOString(), loanId: this.id, barcode: this.barcode, memberId: this.memberId, recalledFor, previousDueAt, dueAt });
  }

  /** The branch closed on the due date: the loan becomes due later (never sooner), keeping the original due date. */
  shiftDueDate(newDueAt: Date, reason: string, now: Date): void {
    const previousDueAt = this.props.dueAt;
    if (newDueAt.getTime() <= Date.parse(previousDueAt)) return;
    const originalDueAt = this.props.originalDueAt ?? previousDueAt;
    const dueAt = newDueAt.toISOString();
    this.transition('shiftDueDate', { dueAt, originalDueAt });
    this.record({
      name: 'loan.due-date-shifted',
      occurredAt: now.toISOString(),
      loanId: this.id,
      barcode: this.barcode,
      memberId: this.memberId,
      previousDueAt,
      dueAt,
      originalDueAt,
      reason,
    });
  }

  /** The borrower says the copy is back; it stays on their record until staff resolve the claim. */
  claimReturned(now: Date): void {
    this.transition('claimReturned', { claimedReturnedAt: this.props.claimedReturnedAt ?? now.toISOString() });
    this.record({ name: 'loan.claimed-returned', occurredAt: now.toISOString(), loanId: this.id, barcode: this.barcode, memberId: this.memberId });
  }

  /** Records how staff settled a claim; the caller then closes the loan. */
  resolveClaim(resolution: ClaimResolution, now: Date): void {
    if (!this.isClaimedReturned) throw new LendingError('CLAIM_NOT_OPEN', `loan ${this.id} is not claimed returned`, { loanId: this.id });
    this.record({ name: 'loan.claim-resolved', occurredAt: now.toISOString(), loanId: this.id, barcode: this.barcode, memberId: this.memberId, resolution });
  }

  /** The copy came back; records `copy.returned` with the calendar days it was late. */
  close(now: Date): void {
    this.transition('close', { returnedAt: now.toISOString() });
    this.record({
      name: 'copy.returned',
      occurredAt: now.toISOString(),
      barcode: this.barcode,
      isbn: this.isbn,
      memberId: this.memberId,
      loanId: this.id,
      dueAt: this.props.dueAt,
      daysLate: daysLate(this.dueAt, now),
    });
  }

  closeAsLost(now: Date): void {
    this.transition('closeAsLost', { returnedAt: null, lostAt: now.toISOString() });
    this.record({ name: 'loan.closed-as-lost', occurredAt: now.toISOString(), loanId: this.id, barcode: this.barcode, memberId: this.memberId });
  }

  /** A copy declared lost came back in time: the loan counts as returned now. */
  recover(now: Date): void {
    this.transition('recover', { returnedAt: now.toISOString() });
    this.record({ name: 'loan.recovered', occurredAt: now.toISOString(), loanId: this.id, barcode: this.barcode, memberId: this.memberId });
  }

  toPrimitives(): LoanPrimitives {
    return { ...this.props };
  }

  private transition(command: LoanCommand, changes: Partial<LoanPrimitives>): void {
    const row: Partial<Record<LoanCommand, LoanStatus>> = LOAN_TRANSITIONS[this.props.status];
    const next = row[command];
    if (next === undefined) throw new IllegalTransitionError('Loan', this.props.status, command);
    this.props = { ...this.props, ...changes, status: next };
  }
}

function dateOrNull(iso: string | null | undefined): Date | null {
  return iso === null || iso === undefined ? null : new Date(iso);
}
