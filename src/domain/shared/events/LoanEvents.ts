import type { EventBase, OfTitle } from './EventBase.js';

// Events a Loan records: its start and end, named for the copy (`copy.checked-out`, `copy.returned`), and `loan.*`.

export interface CopyCheckedOut extends EventBase<'copy.checked-out'>, OfTitle {
  readonly barcode: string;
  readonly memberId: string;
  readonly loanId: string;
  readonly dueAt: string;
}
export interface CopyReturned extends EventBase<'copy.returned'>, OfTitle {
  readonly barcode: string;
  readonly memberId: string;
  readonly loanId: string;
  readonly dueAt: string;
  readonly daysLate: number;
}
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
