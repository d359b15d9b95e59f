import type { EventBase, OfTitle } from './EventBase.js';

// Events a Book or a BookItem records: `book.*`, and `copy.*` but for a loan's checkout and return.

export type HoldReleaseReason = 'EXPIRED' | 'CANCELLED' | 'COPY_LOST' | 'COPY_REMOVED';
/** `isbn` only when the record has one (it is then also the record id). */
export interface BookAdded extends EventBase<'book.added'> { readonly recordId: string; readonly isbn?: string; readonly title: string }
/** A newer description of the record replaced the one it had (a re-import). */
export interface BookRevised extends EventBase<'book.revised'> { readonly recordId: string; readonly isbn?: string; readonly title: string }
export interface BookRemoved extends EventBase<'book.removed'> { readonly recordId: string; readonly isbn?: string }
export interface CopyAdded extends EventBase<'copy.added'>, OfTitle {
  readonly barcode: string;
  readonly branch: string;
}
export interface CopyRemoved extends EventBase<'copy.removed'>, OfTitle { readonly barcode: string }
export interface CopyHeld extends EventBase<'copy.held'>, OfTitle {
  readonly barcode: string;
  readonly memberId: string;
  readonly reservationId: string;
  readonly expiresAt: string | null;
}
export interface CopyHoldReleased extends EventBase<'copy.hold-released'>, OfTitle {
  readonly barcode: string;
  readonly memberId: string;
  readonly reservationId: string;
  readonly reason: HoldReleaseReason;
}
export interface CopyMarkedLost extends EventBase<'copy.marked-lost'>, OfTitle {
  readonly barcode: string;
  readonly previousStatus: string;
}
export interface BranchRegistered extends EventBase<'branch.registered'> { readonly branch: string; readonly branchName: string }
export interface CopyInTransit extends EventBase<'copy.in-transit'>, OfTitle {
  readonly barcode: string;
  /** The branch whose hold shelf it travels to. */
  readonly to: string;
  readonly reservationId: string;
}
export interface CopyReceived extends EventBase<'copy.received'>, OfTitle { readonly barcode: string; readonly branch: string }
export interface CopyDamaged extends EventBase<'copy.damaged'>, OfTitle { readonly barcode: string }
export interface CopySentToRepair extends EventBase<'copy.sent-to-repair'>, OfTitle { readonly barcode: string }
export interface CopyRepaired extends EventBase<'copy.repaired'>, OfTitle { readonly barcode: string }
export interface CopyMarkedMissing extends EventBase<'copy.marked-missing'>, OfTitle {
  readonly barcode: string;
  readonly previousStatus: string;
}
export interface CopyFound extends EventBase<'copy.found'>, OfTitle { readonly barcode: string }
