import type { EventBase } from './EventBase.js';

// Events of a member's fine ledger: `fine.*`.

export type FineReason = 'OVERDUE' | 'DAMAGED' | 'LOST' | 'REPLACEMENT';

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
/** An overdue fine grew while the loan is still out (the jobs, daily): `amount` is its total so far. */
export interface FineAccrued extends EventBase<'fine.accrued'> {
  readonly fineId: string;
  readonly memberId: string;
  readonly loanId: string;
  readonly amount: number;
  readonly increase: number;
  readonly currency: string;
}
