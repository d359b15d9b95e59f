/**
 * Domain events: immutable, past tense, primitive fields only, routed by a stable `name`.
 * Instants are ISO-8601 strings; money is integer minor units plus a currency code.
 */
interface EventBase<Name extends string> {
  readonly name: Name;
  readonly occurredAt: string;
}

export type HoldReleaseReason = 'EXPIRED' | 'CANCELLED' | 'COPY_LOST' | 'COPY_REMOVED';
export type FineReason = 'OVERDUE' | 'DAMAGED' | 'LOST' | 'REPLACEMENT';

export interface BookAdded extends EventBase<'book.added'> { readonly isbn: string; readonly title: string }
export interface BookRemoved extends EventBase<'book.removed'> { readonly isbn: string }
export interface CopyAdded extends EventBase<'copy.added'> {
  readonly barcode: string;
  readonly isbn: string;
  readonly branch: string;
}
export interface CopyRemoved extends EventBase<'copy.removed'> { readonly barcode: string; readonly isbn: string }
export interface CopyCheckedOut extends EventBase<'copy.checked-out'> {
  readonly barcode: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly loanId: string;
  readonly dueAt: string;
}
export interface CopyReturned extends EventBase<'copy.returned'> {
  readonly barcode: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly loanId: string;
  readonly dueAt: string;
  readonly daysLate: number;
}
export interface CopyHeld extends EventBase<'copy.held'> {
  readonly barcode: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly reservationId: string;
  readonly expiresAt: string | null;
}
export interface CopyHoldReleased extends EventBase<'copy.hold-released'> {
  readonly barcode: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly reservationId: string;
  readonly reason: HoldReleaseReason;
}
export interface CopyMarkedLost extends EventBase<'copy.marked-lost'> {
  readonly barcode: string;
  readonly isbn: string;
  readonly previousStatus: string;
}
export interface CopyFound extends EventBase<'copy.found'> { readonly barcode: string; readonly isbn: string }
export interface LoanRenewed extends EventBase<'loan.renewed'> {
  readonly loanId: string;
  readonly barcode: string;
  readonly memberId: string;
  readonly previousDueAt: string;
  readonly dueAt: string;
  readonly renewals: number;
}
export interface LoanClosedAsLost extends EventBase<'loan.closed-as-lost'> {
  readonly loanId: string;
  readonly barcode: string;
  readonly memberId: string;
}
export interface LoanRecalled extends EventBase<'loan.recalled'> {
  readonly loanId: string;
  readonly barcode: string;
  readonly memberId: string;
  readonly recalledFor: string;
  readonly previousDueAt: string;
  readonly dueAt: string;
}
export interface LoanDueDateShifted extends EventBase<'loan.due-date-shifted'> {
  readonly loanId: string;
  readonly barcode: string;
  readonly memberId: string;
  readonly previousDueAt: string;
  readonly dueAt: string;
  readonly originalDueAt: string;
  readonly reason: string;
}
export interface LoanClaimedReturned extends EventBase<'loan.claimed-returned'> {
  readonly loanId: string;
  readonly barcode: string;
  readonly memberId: string;
}
export type ClaimResolution = 'FOUND_ON_SHELF' | 'RETURNED_BY_MEMBER';
export interface LoanClaimResolved extends EventBase<'loan.claim-resolved'> {
  readonly loanId: string;
  readonly barcode: string;
  readonly memberId: string;
  readonly resolution: ClaimResolution;
}
export interface LoanRecovered extends EventBase<'loan.recovered'> {
  readonly loanId: string;
  readonly barcode: string;
  readonly memberId: string;
}
export interface ReservationPickupExtended extends EventBase<'reservation.pickup-extended'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly previousExpiresAt: string;
  readonly expiresAt: string;
  readonly reason: string;
}
export type BlockAction = 'borrow' | 'renew' | 'request';
export interface MemberBlockPlaced extends EventBase<'member.block-placed'> {
  readonly memberId: string;
  readonly blockId: string;
  readonly actions: readonly BlockAction[];
  readonly expiresAt: string | null;
  readonly message: string;
}
export interface MemberBlockLifted extends EventBase<'member.block-lifted'> { readonly memberId: string; readonly blockId: string }
export interface MemberBlockOverridden extends EventBase<'member.block-overridden'> {
  readonly memberId: string;
  readonly action: BlockAction;
  /** Codes of the blocks that were overridden. */
  readonly blocks: readonly string[];
  readonly staffId: string;
  readonly reason: string;
}
export interface ReservationPlaced extends EventBase<'reservation.placed'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly position: number;
}
export interface ReservationReadyForPickup extends EventBase<'reservation.ready-for-pickup'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly barcode: string;
  readonly expiresAt: string | null;
}
export interface ReservationFulfilled extends EventBase<'reservation.fulfilled'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly barcode: string;
}
export interface ReservationCancelled extends EventBase<'reservation.cancelled'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
}
export interface ReservationExpired extends EventBase<'reservation.expired'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly barcode: string;
}
export interface ReservationRequeued extends EventBase<'reservation.requeued'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
}
export interface ReservationLicenseOffered extends EventBase<'reservation.license-offered'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly copyId: string;
  /** End of the claim window. */
  readonly expiresAt: string;
}
export interface ReservationLicenseClaimed extends EventBase<'reservation.license-claimed'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly copyId: string;
}
export interface ReservationClaimExpired extends EventBase<'reservation.claim-expired'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly copyId: string;
}
export interface DigitalCopyAdded extends EventBase<'digital-copy.added'> {
  readonly copyId: string;
  readonly isbn: string;
  readonly format: string;
  readonly drm: string;
  /** Concurrent licenses; null for unlimited access. */
  readonly licenses: number | null;
}
export interface DigitalCopyLicensesAdded extends EventBase<'digital-copy.licenses-added'> {
  readonly copyId: string;
  readonly isbn: string;
  readonly added: number;
  readonly total: number;
}
export interface DigitalLoanStarted extends EventBase<'digital-loan.started'> {
  readonly loanId: string;
  readonly copyId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly format: string;
  readonly dueAt: string;
  readonly tokenId: string | null;
}
export interface DigitalLoanRenewed extends EventBase<'digital-loan.renewed'> {
  readonly loanId: string;
  readonly copyId: string;
  readonly memberId: string;
  readonly previousDueAt: string;
  readonly dueAt: string;
  readonly renewals: number;
  readonly tokenId: string | null;
}
export interface DigitalLoanReturned extends EventBase<'digital-loan.returned'> {
  readonly loanId: string;
  readonly copyId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly dueAt: string;
}
export interface DigitalLoanExpired extends EventBase<'digital-loan.expired'> {
  readonly loanId: string;
  readonly copyId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly dueAt: string;
}
export interface DigitalLoanRevoked extends EventBase<'digital-loan.revoked'> {
  readonly loanId: string;
  readonly copyId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly reason: string;
}
export type TokenRevocationReason = 'RETURNED' | 'RENEWED' | 'REVOKED';
export interface LoanTokenRevoked extends EventBase<'loan-token.revoked'> {
  readonly tokenId: string;
  readonly loanId: string;
  readonly memberId: string;
  readonly reason: TokenRevocationReason;
  /** The token's own expiry: after it, the revocation entry may be forgotten. */
  readonly until: string;
}
export interface FineAssessed extends EventBase<'fine.assessed'> {
  readonly fineId: string;
  readonly memberId: string;
  readonly loanId: string | null;
  readonly reason: FineReason;
  readonly amount: number;
  readonly currency: string;
}
export interface FinePaid extends EventBase<'fine.paid'> {
  readonly paymentId: string;
  readonly memberId: string;
  readonly amount: number;
  readonly currency: string;
  readonly balanceAfter: number;
}
export interface FineWaived extends EventBase<'fine.waived'> {
  readonly fineId: string;
  readonly memberId: string;
  readonly amount: number;
  readonly currency: string;
  readonly reason: string;
}
export interface MemberRegistered extends EventBase<'member.registered'> {
  readonly memberId: string;
  readonly memberType: string;
  readonly plan: string;
}
export interface MemberBlocked extends EventBase<'member.blocked'> { readonly memberId: string; readonly reason: string }
export interface MemberUnblocked extends EventBase<'member.unblocked'> { readonly memberId: string }

export type DomainEvent =
  | BookAdded
  | BookRemoved
  | CopyAdded
  | CopyRemoved
  | CopyCheckedOut
  | CopyReturned
  | CopyHeld
  | CopyHoldReleased
  | CopyMarkedLost
  | CopyFound
  | LoanRenewed
  | LoanClosedAsLost
  | LoanRecalled
  | LoanDueDateShifted
  | LoanClaimedReturned
  | LoanClaimResolved
  | LoanRecovered
  | ReservationPlaced
  | ReservationReadyForPickup
  | ReservationFulfilled
  | ReservationCancelled
  | ReservationExpired
  | ReservationRequeued
  | ReservationPickupExtended
  | ReservationLicenseOffered
  | ReservationLicenseClaimed
  | ReservationClaimExpired
  | DigitalCopyAdded
  | DigitalCopyLicensesAdded
  | DigitalLoanStarted
  | DigitalLoanRenewed
  | DigitalLoanReturned
  | DigitalLoanExpired
  | DigitalLoanRevoked
  | LoanTokenRevoked
  | FineAssessed
  | FinePaid
  | FineWaived
  | MemberRegistered
  | MemberBlocked
  | MemberUnblocked
  | MemberBlockPlaced
  | MemberBlockLifted
  | MemberBlockOverridden;

export type DomainEventName = DomainEvent['name'];

/** Event map keyed by name, for typed subscriptions: `EventOf<'copy.checked-out'>`. */
export type EventOf<N extends DomainEventName> = Extract<DomainEvent, { name: N }>;

export const DOMAIN_EVENT_NAMES: readonly DomainEventName[] = [
  'book.added',
  'book.removed',
  'copy.added',
  'copy.removed',
  'copy.checked-out',
  'copy.returned',
  'copy.held',
  'copy.hold-released',
  'copy.marked-lost',
  'copy.found',
  'loan.renewed',
  'loan.closed-as-lost',
  'loan.recalled',
  'loan.due-date-shifted',
  'loan.claimed-returned',
  'loan.claim-resolved',
  'loan.recovered',
  'reservation.placed',
  'reservation.ready-for-pickup',
  'reservation.fulfilled',
  'reservation.cancelled',
  'reservation.expired',
  'reservation.requeued',
  'reservation.pickup-extended',
  'reservation.license-offered',
  'reservation.license-claimed',
  'reservation.claim-expired',
  'digital-copy.added',
  'digital-copy.licenses-added',
  'digital-loan.started',
  'digital-loan.renewed',
  'digital-loan.returned',
  'digital-loan.expired',
  'digital-loan.revoked',
  'loan-token.revoked',
  'fine.assessed',
  'fine.paid',
  'fine.waived',
  'member.registered',
  'member.blocked',
  'member.unblocked',
  'member.block-placed',
  'member.block-lifted',
  'member.block-overridden',
];
