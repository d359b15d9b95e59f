/**
 * Every domain event, as one union: each family lives in its own file under `events/` (the common fields in
 * `events/EventBase.ts`); this module gathers them, names them, and offers the typed lookup by name.
 */
import type {
  BookAdded,
  BookRemoved,
  BookRevised,
  CopyAdded,
  CopyRemoved,
  CopyHeld,
  CopyHoldReleased,
  CopyMarkedLost,
  CopyFound,
  BranchRegistered,
  CopyInTransit,
  CopyReceived,
  CopyDamaged,
  CopySentToRepair,
  CopyRepaired,
  CopyMarkedMissing,
} from './events/CatalogEvents.js';
import type {
  CopyCheckedOut,
  CopyReturned,
  LoanRenewed,
  LoanClosedAsLost,
  LoanRecalled,
  LoanDueDateShifted,
  LoanClaimedReturned,
  LoanClaimResolved,
  LoanRecovered,
} from './events/LoanEvents.js';
import type {
  ReservationPickupExtended,
  ReservationPlaced,
  ReservationReadyForPickup,
  ReservationFulfilled,
  ReservationCancelled,
  ReservationExpired,
  ReservationRequeued,
  ReservationLicenseOffered,
  ReservationLicenseClaimed,
  ReservationClaimExpired,
  ReservationInTransit,
  ReservationSuspended,
  ReservationResumed,
  ReservationLapsed,
} from './events/ReservationEvents.js';
import type {
  DigitalCopyAdded,
  DigitalCopyLicensesAdded,
  DigitalLoanStarted,
  DigitalLoanRenewed,
  DigitalLoanReturned,
  DigitalLoanExpired,
  DigitalLoanRevoked,
  LoanTokenRevoked,
} from './events/DigitalEvents.js';
import type { FineAccrued, FineAssessed, FinePaid, FineWaived } from './events/FineEvents.js';
import type {
  MemberBlockPlaced,
  MemberBlockLifted,
  MemberBlockOverridden,
  MemberRegistered,
  MemberBlocked,
  MemberUnblocked,
  MemberCardRenewed,
} from './events/MemberEvents.js';

export type * from './events/CatalogEvents.js';
export type * from './events/LoanEvents.js';
export type * from './events/ReservationEvents.js';
export type * from './events/DigitalEvents.js';
export type * from './events/FineEvents.js';
export type * from './events/MemberEvents.js';

export type DomainEvent =
  | BookAdded
  | BookRevised
  | BookRemoved
  | CopyAdded
  | CopyRemoved
  | CopyCheckedOut
  | CopyReturned
  | CopyHeld
  | CopyHoldReleased
  | CopyMarkedLost
  | CopyFound
  | BranchRegistered
  | CopyInTransit
  | CopyReceived
  | CopyDamaged
  | CopySentToRepair
  | CopyRepaired
  | CopyMarkedMissing
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
  | ReservationInTransit
  | ReservationSuspended
  | ReservationResumed
  | ReservationLapsed
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
  | FineAccrued
  | MemberRegistered
  | MemberBlocked
  | MemberUnblocked
  | MemberBlockPlaced
  | MemberBlockLifted
  | MemberBlockOverridden
  | MemberCardRenewed;

export type DomainEventName = DomainEvent['name'];

/** Event map keyed by name, for typed subscriptions: `EventOf<'copy.checked-out'>`. */
export type EventOf<N extends DomainEventName> = Extract<DomainEvent, { name: N }>;

export const DOMAIN_EVENT_NAMES: readonly DomainEventName[] = [
  'book.added',
  'book.revised',
  'book.removed',
  'copy.added',
  'copy.removed',
  'copy.checked-out',
  'copy.returned',
  'copy.held',
  'copy.hold-released',
  'copy.marked-lost',
  'copy.found',
  'branch.registered',
  'copy.in-transit',
  'copy.received',
  'copy.damaged',
  'copy.sent-to-repair',
  'copy.repaired',
  'copy.marked-missing',
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
  'reservation.in-transit',
  'reservation.suspended',
  'reservation.resumed',
  'reservation.lapsed',
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
  'fine.accrued',
  'member.registered',
  'member.blocked',
  'member.unblocked',
  'member.block-placed',
  'member.block-lifted',
  'member.block-overridden',
  'member.card-renewed',
];
