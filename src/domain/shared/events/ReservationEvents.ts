import type { EventBase } from './EventBase.js';

// Events of a title's hold queue: `reservation.*`.

export interface ReservationPickupExtended extends EventBase<'reservation.pickup-extended'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly previousExpiresAt: string;
  readonly expiresAt: string;
  readonly reason: string;
}
export interface ReservationInTransit extends EventBase<'reservation.in-transit'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly barcode: string;
  readonly pickupBranch: string;
}
export interface ReservationSuspended extends EventBase<'reservation.suspended'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  /** The instant the hold wakes by itself; null: until the member resumes it. */
  readonly until: string | null;
}
export interface ReservationResumed extends EventBase<'reservation.resumed'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
}
export interface ReservationLapsed extends EventBase<'reservation.lapsed'> {
  readonly reservationId: string;
  readonly isbn: string;
  readonly memberId: string;
  /** The member's "not needed after" instant that passed. */
  readonly notNeededAfter: string;
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
