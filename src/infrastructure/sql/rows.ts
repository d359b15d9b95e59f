import type { BookPrimitives } from '../../domain/catalog/Book.js';
import type { DigitalCopyPrimitives, DigitalFormat, DrmType, Lease, Offer } from '../../domain/digital/DigitalCopy.js';
import type { DigitalLoanPrimitives, DigitalLoanStatus } from '../../domain/digital/DigitalLoan.js';
import type { LicenseTermsPrimitives } from '../../domain/digital/LicenseTerms.js';
import type { BookItemPrimitives, BookItemStatus, LostLoan } from '../../domain/catalog/BookItem.js';
import type { LoanCategory } from '../../domain/catalog/LoanCategory.js';
import type { ManualBlock } from '../../domain/members/ManualBlock.js';
import type { FineLedgerPrimitives, FinePrimitives, FineStatus, PaymentPrimitives } from '../../domain/fines/FineLedger.js';
import type { LoanPrimitives, LoanStatus } from '../../domain/lending/Loan.js';
import type { ContactChannel, MemberPlan, MemberPrimitives, MemberStatus, MemberType } from '../../domain/members/Member.js';
import type { HoldFormat, ReservationPrimitives, ReservationStatus } from '../../domain/reservations/Reservation.js';
import type { ReservationQueuePrimitives } from '../../domain/reservations/ReservationQueue.js';
import type { FineReason } from '../../domain/shared/DomainEvent.js';
import type { SqlRow } from './SqlDriver.js';

/**
 * Row ⇄ primitives mapping for every aggregate. Each aggregate root row carries `version`;
 * the queue and the ledger spread over a root row plus child rows (read back as JSON arrays).
 */

/** timestamptz arrives as a Date (or as text inside JSON); the domain speaks ISO-8601 UTC strings. */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`expected a timestamp, got ${typeof value}`);
}
export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}
export function int(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
export const text = (value: unknown): string => value as string;
export const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : (value as string));
const texts = (value: unknown): string[] => [...(value as string[])];
/** jsonb arrives parsed from `pg` and PGlite alike; text (a JSON literal) is parsed here. */
const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** One column list and its values, in the same order: the shape every write is built from. */
export type Columns = Readonly<Record<string, unknown>>;

export const bookRow = {
  columns: (b: BookPrimitives): Columns => ({
    title: b.title,
    authors: b.authors,
    subjects: b.subjects,
    publisher: b.publisher,
    year: b.year,
    language: b.language,
    description: b.description,
  }),
  read: (r: SqlRow): BookPrimitives => ({
    isbn: text(r.isbn),
    title: text(r.title),
    authors: texts(r.authors),
    subjects: texts(r.subjects),
    publisher: textOrNull(r.publisher),
    year: r.year === null ? null : int(r.year),
    language: textOrNull(r.language),
    description: textOrNull(r.description),
  }),
};

export const itemRow = {
  columns: (i: BookItemPrimitives): Columns => ({
    isbn: i.isbn,
    branch: i.branch,
    rack: i.rack,
    reference_only: i.referenceOnly,
    replacement_amount: i.replacementPrice?.amount ?? null,
    replacement_currency: i.replacementPrice?.currency ?? null,
    status: i.status,
    hold_member_id: i.hold?.memberId ?? null,
    hold_reservation_id: i.hold?.reservationId ?? null,
    hold_expires_at: i.hold?.expiresAt ?? null,
    loan_id: i.loan?.loanId ?? null,
    loan_member_id: i.loan?.memberId ?? null,
    loan_category: i.loanCategory ?? (i.referenceOnly ? 'REFERENCE' : 'STANDARD'),
    hold_original_expires_at: i.hold?.originalExpiresAt ?? null,
    lost_loan: i.lostLoan ? JSON.stringify(i.lostLoan) : null,
  }),
  read: (r: SqlRow): BookItemPrimitives => ({
    barcode: text(r.barcode),
    isbn: text(r.isbn),
    branch: text(r.branch),
    rack: text(r.rack),
    referenceOnly: r.reference_only === true,
    replacementPrice: r.replacement_amount === null ? null : { amount: int(r.replacement_amount), currency: text(r.replacement_currency) },
    status: r.status as BookItemStatus,
    hold:
      r.hold_member_id === null
        ? null
        : {
            memberId: text(r.hold_member_id),
            reservationId: text(r.hold_reservation_id),
            expiresAt: isoOrNull(r.hold_expires_at),
            ...(r.hold_original_expires_at === null ? {} : { originalExpiresAt: iso(r.hold_original_expires_at) }),
          },
    loan: r.loan_id === null ? null : { loanId: text(r.loan_id), memberId: text(r.loan_member_id) },
    loanCategory: r.loan_category as LoanCategory,
    lostLoan: r.lost_loan === null ? null : (json(r.lost_loan) as LostLoan),
  }),
};

export const memberRow = {
  columns: (m: MemberPrimitives): Columns => ({
    name: m.name,
    type: m.type,
    plan: m.plan,
    status: m.status,
    block_reason: m.blockReason,
    email: m.contact.email ?? null,
    phone: m.contact.phone ?? null,
    contact_channels: m.contact.channels ?? null,
    manual_blocks: JSON.stringify(m.manualBlocks ?? []),
    claims_returned_count: m.claimsReturnedCount ?? 0,
  }),
  read: (r: SqlRow): MemberPrimitives => ({
    id: text(r.id),
    name: text(r.name),
    type: r.type as MemberType,
    plan: r.plan as MemberPlan,
    status: r.status as MemberStatus,
    blockReason: textOrNull(r.block_reason),
    contact: {
      ...(r.email === null ? {} : { email: text(r.email) }),
      ...(r.phone === null ? {} : { phone: text(r.phone) }),
      ...(r.contact_channels === null ? {} : { channels: texts(r.contact_channels) as ContactChannel[] }),
    },
    manualBlocks: json(r.manual_blocks) as ManualBlock[],
    claimsReturnedCount: int(r.claims_returned_count),
  }),
};

export const loanRow = {
  columns: (l: LoanPrimitives): Columns => ({
    barcode: l.barcode,
    isbn: l.isbn,
    member_id: l.memberId,
    status: l.status,
    checked_out_at: l.checkedOutAt,
    due_at: l.dueAt,
    returned_at: l.returnedAt,
    renewals: l.renewals,
    original_due_at: l.originalDueAt ?? null,
    recalled_at: l.recalledAt ?? null,
    claimed_returned_at: l.claimedReturnedAt ?? null,
    lost_at: l.lostAt ?? null,
  }),
  read: (r: SqlRow): LoanPrimitives => ({
    id: text(r.id),
    barcode: text(r.barcode),
    isbn: text(r.isbn),
    memberId: text(r.member_id),
    status: r.status as LoanStatus,
    checkedOutAt: iso(r.checked_out_at),
    dueAt: iso(r.due_at),
    returnedAt: isoOrNull(r.returned_at),
    renewals: int(r.renewals),
    originalDueAt: isoOrNull(r.original_due_at),
    recalledAt: isoOrNull(r.recalled_at),
    claimedReturnedAt: isoOrNull(r.claimed_returned_at),
    lostAt: isoOrNull(r.lost_at),
  }),
};

export const reservationRow = {
  columns: (r: ReservationPrimitives): Columns => ({
    id: r.id,
    isbn: r.isbn,
    member_id: r.memberId,
    sequence: r.sequence,
    status: r.status,
    placed_at: r.placedAt,
    barcode: r.barcode,
    expires_at: r.expiresAt,
    closed_at: r.closedAt,
    format: r.format ?? 'PRINT',
    copy_id: r.copyId ?? null,
  }),
  read: (r: SqlRow): ReservationPrimitives => ({
    id: text(r.id),
    isbn: text(r.isbn),
    memberId: text(r.member_id),
    sequence: int(r.sequence),
    // Rows written before digital lending hold no format: they were print holds.
    format: (textOrNull(r.format) ?? 'PRINT') as HoldFormat,
    status: r.status as ReservationStatus,
    placedAt: iso(r.placed_at),
    barcode: textOrNull(r.barcode),
    expiresAt: isoOrNull(r.expires_at),
    closedAt: isoOrNull(r.closed_at),
    ...(r.copy_id === null || r.copy_id === undefined ? {} : { copyId: text(r.copy_id) }),
  }),
};

export const queueRow = {
  read: (r: SqlRow): ReservationQueuePrimitives => ({
    isbn: text(r.isbn),
    nextSequence: int(r.next_sequence),
    reservations: (json(r.reservations) as SqlRow[]).map(reservationRow.read),
  }),
};

export const fineRow = {
  columns: (f: FinePrimitives, memberId: string, ordinal: number): Columns => ({
    id: f.id,
    member_id: memberId,
    ordinal,
    loan_id: f.loanId,
    barcode: f.barcode,
    reason: f.reason,
    amount: f.amount,
    outstanding: f.outstanding,
    status: f.status,
    assessed_at: f.assessedAt,
  }),
  read: (r: SqlRow): FinePrimitives => ({
    id: text(r.id),
    loanId: textOrNull(r.loan_id),
    barcode: textOrNull(r.barcode),
    reason: r.reason as FineReason,
    amount: int(r.amount),
    outstanding: int(r.outstanding),
    status: r.status as FineStatus,
    assessedAt: iso(r.assessed_at),
  }),
};

export const paymentRow = {
  columns: (p: PaymentPrimitives, memberId: string, ordinal: number): Columns => ({
    id: p.id,
    member_id: memberId,
    ordinal,
    amount: p.amount,
    method: p.method,
    paid_at: p.paidAt,
    allocations: JSON.stringify(p.allocations),
  }),
  read: (r: SqlRow): PaymentPrimitives => ({
    id: text(r.id),
    amount: int(r.amount),
    method: text(r.method),
    paidAt: iso(r.paid_at),
    allocations: json(r.allocations) as { fineId: string; amount: number }[],
  }),
};

export const ledgerRow = {
  read: (r: SqlRow): FineLedgerPrimitives => ({
    memberId: text(r.member_id),
    currency: text(r.currency).trim(),
    fines: (json(r.fines) as SqlRow[]).map(fineRow.read),
    payments: (json(r.payments) as SqlRow[]).map(paymentRow.read),
  }),
};

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
