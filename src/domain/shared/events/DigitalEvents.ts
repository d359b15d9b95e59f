import type { EventBase, OfTitle } from './EventBase.js';

// Events of digital copies, e-loans and their tokens: `digital-copy.*`, `digital-loan.*`, `loan-token.*`.

export interface DigitalCopyAdded extends EventBase<'digital-copy.added'>, OfTitle {
  readonly copyId: string;
  readonly format: string;
  readonly drm: string;
  /** Concurrent licenses; null for unlimited access. */
  readonly licenses: number | null;
}
export interface DigitalCopyLicensesAdded extends EventBase<'digital-copy.licenses-added'>, OfTitle {
  readonly copyId: string;
  readonly added: number;
  readonly total: number;
}
export interface DigitalLoanStarted extends EventBase<'digital-loan.started'>, OfTitle {
  readonly loanId: string;
  readonly copyId: string;
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
export interface DigitalLoanReturned extends EventBase<'digital-loan.returned'>, OfTitle {
  readonly loanId: string;
  readonly copyId: string;
  readonly memberId: string;
  readonly dueAt: string;
}
export interface DigitalLoanExpired extends EventBase<'digital-loan.expired'>, OfTitle {
  readonly loanId: string;
  readonly copyId: string;
  readonly memberId: string;
  readonly dueAt: string;
}
export interface DigitalLoanRevoked extends EventBase<'digital-loan.revoked'>, OfTitle {
  readonly loanId: string;
  readonly copyId: string;
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
