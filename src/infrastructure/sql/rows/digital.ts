import type { DigitalCopyPrimitives, DigitalFormat, DrmType, Lease, Offer } from '../../../domain/digital/DigitalCopy.js';
import type { DigitalLoanPrimitives, DigitalLoanStatus } from '../../../domain/digital/DigitalLoan.js';
import type { LicenseTermsPrimitives } from '../../../domain/digital/LicenseTerms.js';
import type { SqlRow } from '../SqlDriver.js';
import { type Columns, int, iso, isoOrNull, json, text, textOrNull } from './values.js';

/** Row ⇄ primitives for digital lending: a license pool (`digital_copies`) and an e-loan (`digital_loans`). */

/** The earliest claim deadline among a pool's offers: the indexed column the lapsed-offer sweep reads. */
function earliestDeadline(offers: readonly Offer[]): string | null {
  const deadlines = offers.map((o) => Date.parse(o.expiresAt));
  return deadlines.length === 0 ? null : new Date(Math.min(...deadlines)).toISOString();
}

export const digitalCopyRow = {
  columns: (c: DigitalCopyPrimitives): Columns => ({
    isbn: c.isbn,
    format: c.format,
    file_key: c.fileKey,
    drm: c.drm,
    total_licenses: c.totalLicenses,
    terms: JSON.stringify(c.terms),
    leases: JSON.stringify(c.leases),
    offers: JSON.stringify(c.offers),
    offers_expire_at: earliestDeadline(c.offers),
  }),
  read: (r: SqlRow): DigitalCopyPrimitives => ({
    copyId: text(r.copy_id),
    isbn: text(r.isbn),
    format: r.format as DigitalFormat,
    fileKey: text(r.file_key),
    drm: r.drm as DrmType,
    totalLicenses: r.total_licenses === null ? null : int(r.total_licenses),
    terms: json(r.terms) as LicenseTermsPrimitives,
    leases: json(r.leases) as Lease[],
    offers: json(r.offers) as Offer[],
  }),
};

export const digitalLoanRow = {
  columns: (l: DigitalLoanPrimitives): Columns => ({
    copy_id: l.copyId,
    isbn: l.isbn,
    member_id: l.memberId,
    format: l.format,
    status: l.status,
    borrowed_at: l.borrowedAt,
    due_at: l.dueAt,
    ended_at: l.endedAt,
    renewals: l.renewals,
    token_id: l.tokenId,
    counts_toward_limit: l.countsTowardLimit,
  }),
  read: (r: SqlRow): DigitalLoanPrimitives => ({
    id: text(r.id),
    copyId: text(r.copy_id),
    isbn: text(r.isbn),
    memberId: text(r.member_id),
    format: r.format as DigitalFormat,
    status: r.status as DigitalLoanStatus,
    borrowedAt: iso(r.borrowed_at),
    dueAt: iso(r.due_at),
    endedAt: isoOrNull(r.ended_at),
    renewals: int(r.renewals),
    tokenId: textOrNull(r.token_id),
    countsTowardLimit: r.counts_toward_limit === true,
  }),
};
