import type { EventBase, OfTitle } from './EventBase.js';

// Events of a title's hold queue: `reservation.*`.

export interface ReservationPickupExtended extends EventBase<'reservation.pickup-extended'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  readonly previousExpiresAt: string;
  readonly expiresAt: string;
  readonly reason: string;
}
export interface ReservationInTransit extends EventBase<'reservation.in-transit'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  readonly barcode: string;
  readonly pickupBranch: string;
}
export interface ReservationSuspended extends EventBase<'reservation.suspended'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  /** The instant the hold wakes by itself; null: until the member resumes it. */
  readonly until: string | null;
}
export interface ReservationResumed extends EventBase<'reservation.resumed'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
}
export interface ReservationLapsed extends EventBase<'reservation.lapsed'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  /** The member's "not needed after" instant that passed. */
  readonly notNeededAfter: string;
}
export interface ReservationPlaced extends EventBase<'reservation.placed'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  readonly position: number;
}
export interface ReservationReadyForPickup extends EventBase<'reservation.ready-for-pickup'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  readonly barcode: string;
  readonly expiresAt: string | null;
}
export interface ReservationFulfilled extends EventBase<'reservation.fulfilled'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  readonly barcode: string;
}
export interface ReservationCancelled extends EventBase<'reservation.cancelled'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
}
export interface ReservationExpired extends EventBase<'reservation.expired'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  readonly barcode: string;
}
export interface ReservationRequeued extends EventBase<'reservation.requeued'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
}
export interface ReservationLicenseOffered extends EventBase<'reservation.license-offered'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  readonly copyId: string;
  /** End of the claim window. */
  readonly expiresAt: string;
}
export interface ReservationLicenseClaimed extends EventBase<'reservation.license-claimed'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  readonly copyId: string;
}
export interface ReservationClaimExpired extends EventBase<'reservation.claim-expired'>, OfTitle {
  readonly reservationId: string;
  readonly memberId: string;
  readonly copyId: string;
}
