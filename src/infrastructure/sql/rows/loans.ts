import type { LoanPrimitives, LoanStatus } from '../../../domain/lending/Loan.js';
import type { SqlRow } from '../SqlDriver.js';
import { type Columns, int, iso, isoOrNull, text } from './values.js';

/** Row ⇄ primitives for a loan of a shelf copy (`loans`). */

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
