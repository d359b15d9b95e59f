import type { BookItem, BookItemStatus } from '../domain/catalog/BookItem.js';
import type { Loan, LoanStatus } from '../domain/lending/Loan.js';
import type { FineLedger, FinePrimitives, PaymentPrimitives } from '../domain/fines/FineLedger.js';
import type { Member, MemberPlan, MemberStatus, MemberType } from '../domain/members/Member.js';
import type { HoldFormat, Reservation, ReservationStatus } from '../domain/reservations/Reservation.js';
import type { MoneyPrimitives } from '../domain/shared/Money.js';

/** Read models handed to applications: plain, JSON-ready data (instants as ISO-8601 strings). */
export interface LoanView {
  readonly loanId: string;
  readonly barcode: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly memberId: string;
  readonly status: LoanStatus;
  readonly checkedOutAt: string;
  readonly dueAt: string;
  readonly returnedAt: string | null;
  readonly renewals: number;
}

export interface HoldView {
  readonly barcode: string;
  readonly memberId: string;
  readonly reservationId: string;
  readonly expiresAt: string | null;
  /** Set when the copy was sent to the member's pickup branch instead: it is held there on arrival. */
  readonly inTransitTo?: string;
}

/** A branch, with the time zone of its calendar (where its opening days and closures live). */
export interface BranchView {
  readonly id: string;
  readonly name: string;
  readonly holdShelf: string;
  readonly timeZone: string;
}

export interface FineView {
  readonly fineId: string;
  readonly reason: FinePrimitives['reason'];
  readonly amount: MoneyPrimitives;
  readonly outstanding: MoneyPrimitives;
  readonly status: FinePrimitives['status'];
  readonly loanId: string | null;
  readonly assessedAt: string;
}

export interface ReturnReceipt {
  readonly loan: LoanView;
  readonly daysLate: number;
  readonly finesAssessed: readonly FineView[];
  /** The copy went to the hold shelf for the next member in the queue. */
  readonly heldFor: HoldView | null;
}

export interface ReservationView {
  readonly reservationId: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly memberId: string;
  readonly status: ReservationStatus;
  /** 1-based place among those waiting; null once a copy is ready or the reservation closed. */
  readonly position: number | null;
  readonly barcode: string | null;
  readonly expiresAt: string | null;
  /** PRINT, DIGITAL or ANY: which world may satisfy the hold. */
  readonly format: HoldFormat;
  /** The digital copy whose license was offered to the member, once one was. */
  readonly copyId: string | null;
  /** The branch whose hold shelf the member collects from; null: wherever the copy is. */
  readonly pickupBranch: string | null;
  /** The member's "not needed after" instant; null: needed however long it takes. */
  readonly notNeededAfter: string | null;
  /** While SUSPENDED: when it wakes by itself; null: until resumed (or not suspended). */
  readonly suspendedUntil: string | null;
}

export interface MemberView {
  readonly memberId: string;
  readonly name: string;
  readonly type: MemberType;
  readonly plan: MemberPlan;
  readonly status: MemberStatus;
  readonly blockReason: string | null;
  /** When the member's card expires (ISO instant); null: never. */
  readonly cardExpiresAt: string | null;
  readonly activeLoanCount: number;
  readonly activeReservationCount: number;
  readonly fineBalance: MoneyPrimitives;
}

export interface CopyView {
  readonly barcode: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly branch: string;
  readonly rack: string;
  readonly status: BookItemStatus;
  readonly referenceOnly: boolean;
  readonly heldFor: string | null;
  readonly holdExpiresAt: string | null;
  readonly borrowerId: string | null;
  /** The branch whose hold shelf a held copy waits on (its pickup branch); null when not held. */
  readonly holdShelf: string | null;
  /** The branch an IN_TRANSIT copy travels to; null otherwise. */
  readonly inTransitTo: string | null;
}

export interface LedgerView {
  readonly memberId: string;
  readonly balance: MoneyPrimitives;
  readonly fines: readonly FineView[];
  readonly payments: readonly PaymentPrimitives[];
}

export function loanView(loan: Loan): LoanView {
  const p = loan.toPrimitives();
  return {
    loanId: p.id,
    barcode: p.barcode,
    isbn: p.isbn,
    memberId: p.memberId,
    status: p.status,
    checkedOutAt: p.checkedOutAt,
    dueAt: p.dueAt,
    returnedAt: p.returnedAt,
    renewals: p.renewals,
  };
}

export function fineView(fine: FinePrimitives, currency: string): FineView {
  return {
    fineId: fine.id,
    reason: fine.reason,
    amount: { amount: fine.amount, currency },
    outstanding: { amount: fine.outstanding, currency },
    status: fine.status,
    loanId: fine.loanId,
    assessedAt: fine.assessedAt,
  };
}

export function ledgerView(ledger: FineLedger): LedgerView {
  return {
    memberId: ledger.memberId,
    balance: ledger.balance().toPrimitives(),
    fines: ledger.fines.map((f) => fineView(f, ledger.currency)),
    payments: ledger.payments,
  };
}

export function reservationView(isbn: string, r: Reservation, position: number | null): ReservationView {
  const p = r.toPrimitives();
  return {
    reservationId: p.id,
    isbn,
    memberId: p.memberId,
    status: p.status,
    position,
    barcode: p.barcode,
    expiresAt: p.expiresAt,
    format: r.format,
    copyId: r.copyId,
    pickupBranch: r.pickupBranch,
    notNeededAfter: p.notNeededAfter ?? null,
    suspendedUntil: p.suspendedUntil ?? null,
  };
}

/** What a member has out and waits for, counted from the loans and the title queues. */
export interface MemberBusiness {
  readonly openLoans: number;
  readonly activeReservations: number;
}

export function memberView(member: Member, ledger: FineLedger, business: MemberBusiness): MemberView {
  const p = member.toPrimitives();
  return {
    memberId: p.id,
    name: p.name,
    type: p.type,
    plan: p.plan,
    status: p.status,
    blockReason: p.blockReason,
    cardExpiresAt: p.cardExpiresAt ?? null,
    activeLoanCount: business.openLoans,
    activeReservationCount: business.activeReservations,
    fineBalance: ledger.balance().toPrimitives(),
  };
}

export function copyView(item: BookItem): CopyView {
  const p = item.toPrimitives();
  return {
    barcode: p.barcode,
    isbn: p.isbn,
    branch: p.branch,
    rack: p.rack,
    status: p.status,
    referenceOnly: p.referenceOnly,
    heldFor: p.hold?.memberId ?? null,
    holdExpiresAt: p.hold?.expiresAt ?? null,
    borrowerId: p.loan?.memberId ?? null,
    holdShelf: item.holdShelfBranch,
    inTransitTo: p.transit?.to ?? null,
  };
}
