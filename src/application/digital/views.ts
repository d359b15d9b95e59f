import type { DigitalCopy, DigitalFormat, DrmType, PoolStatus } from '../../domain/digital/DigitalCopy.js';
import type { DigitalLoan, DigitalLoanStatus } from '../../domain/digital/DigitalLoan.js';
import type { ReservationView } from '../views.js';

/** A digital copy and its license pool, JSON-ready. */
export interface DigitalCopyView {
  readonly copyId: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly format: DigitalFormat;
  readonly drm: DrmType;
  readonly status: PoolStatus;
  /** Null for unlimited access. */
  readonly totalLicenses: number | null;
  /** Licenses that could be lent right now; null for unlimited access. */
  readonly availableLicenses: number | null;
  readonly lent: number;
  readonly offered: number;
  readonly checkoutsLeft: number | null;
  readonly unlimitedAccess: boolean;
}

export interface DigitalLoanView {
  readonly loanId: string;
  readonly copyId: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly memberId: string;
  readonly format: DigitalFormat;
  readonly status: DigitalLoanStatus;
  readonly borrowedAt: string;
  readonly dueAt: string;
  readonly endedAt: string | null;
  readonly renewals: number;
}

/** How the member opens the book. The token and URL are handed out here and stored nowhere. */
export interface AccessGrant {
  readonly drm: DrmType;
  /** Signed loan token for the reader app; null unless the copy uses LOAN_TOKEN. */
  readonly token: string | null;
  /** Time-limited signed download URL; null when an external DRM server delivers the file. */
  readonly downloadUrl: string | null;
  readonly downloadExpiresAt: string | null;
}

export type BorrowResult =
  | { readonly outcome: 'LENT'; readonly loan: DigitalLoanView; readonly access: AccessGrant }
  | { readonly outcome: 'QUEUED'; readonly reservation: ReservationView; readonly estimatedWaitDays: number | null };

export interface RenewalResult {
  readonly loan: DigitalLoanView;
  readonly access: AccessGrant;
}

/** A verified, unrevoked loan token. */
export interface TokenCheck {
  readonly loanId: string;
  readonly copyId: string;
  readonly patronId: string;
  readonly tokenId: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
}

export interface LicenseOfferView {
  readonly copyId: string;
  readonly reservationId: string;
  readonly memberId: string;
  readonly expiresAt: string;
}

export function digitalCopyView(copy: DigitalCopy, now: Date): DigitalCopyView {
  const unlimited = copy.totalLicenses === null;
  return {
    copyId: copy.copyId,
    isbn: copy.isbn,
    format: copy.format,
    drm: copy.drm,
    status: copy.status(now),
    totalLicenses: copy.totalLicenses,
    availableLicenses: unlimited ? null : copy.lendableLicenses(now),
    lent: copy.count('LENT'),
    offered: copy.count('OFFERED'),
    checkoutsLeft: copy.terms.checkoutsLeft,
    unlimitedAccess: copy.terms.unlimitedAccess,
  };
}

export function digitalLoanView(loan: DigitalLoan): DigitalLoanView {
  const p = loan.toPrimitives();
  return {
    loanId: p.id,
    copyId: p.copyId,
    isbn: p.isbn,
    memberId: p.memberId,
    format: p.format,
    status: p.status,
    borrowedAt: p.borrowedAt,
    dueAt: p.dueAt,
    endedAt: p.endedAt,
    renewals: p.renewals,
  };
}
