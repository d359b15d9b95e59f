import type { BookPrimitives } from '../../../domain/catalog/Book.js';
import type { BookItemPrimitives, BookItemStatus, LostLoan } from '../../../domain/catalog/BookItem.js';
import type { BranchPrimitives } from '../../../domain/catalog/Branch.js';
import type { MaterialType } from '../../../domain/catalog/MaterialType.js';
import type { LoanCategory } from '../../../domain/catalog/LoanCategory.js';
import type { SqlRow } from '../SqlDriver.js';
import { type Columns, int, iso, isoOrNull, json, text, textOrNull, texts } from './values.js';

/** Row ⇄ primitives for the catalog: a title (`books`) and its shelf copies (`book_items`). */

export const bookRow = {
  /** An import's records share one INSERT (and one UPDATE) per batch. */
  shared: { jsonColumns: [] },
  columns: (b: BookPrimitives): Columns => ({
    isbn: b.isbn,
    identifiers: b.identifiers,
    material_type: b.materialType,
    title: b.title,
    authors: b.authors,
    subjects: b.subjects,
    publisher: b.publisher,
    year: b.year,
    language: b.language,
    description: b.description,
  }),
  read: (r: SqlRow): BookPrimitives => ({
    recordId: text(r.record_id),
    isbn: textOrNull(r.isbn),
    identifiers: texts(r.identifiers),
    materialType: text(r.material_type) as MaterialType,
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
  /** A delivery's or an import's copies share one INSERT per batch; `lost_loan` holds JSON text. */
  shared: { jsonColumns: ['lost_loan'] },
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
    hold_pickup_branch: i.hold?.pickupBranch ?? null,
    transit_to: i.transit?.to ?? null,
    transit_sent_at: i.transit?.sentAt ?? null,
    transit_member_id: i.transit?.memberId ?? null,
    transit_reservation_id: i.transit?.reservationId ?? null,
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
            ...(r.hold_pickup_branch === null ? {} : { pickupBranch: text(r.hold_pickup_branch) }),
          },
    loan: r.loan_id === null ? null : { loanId: text(r.loan_id), memberId: text(r.loan_member_id) },
    loanCategory: r.loan_category as LoanCategory,
    lostLoan: r.lost_loan === null ? null : (json(r.lost_loan) as LostLoan),
    transit:
      r.transit_to === null
        ? null
        : { to: text(r.transit_to), sentAt: iso(r.transit_sent_at), memberId: textOrNull(r.transit_member_id), reservationId: textOrNull(r.transit_reservation_id) },
  }),
};

export const branchRow = {
  columns: (b: BranchPrimitives): Columns => ({ name: b.name, hold_shelf: b.holdShelf }),
  read: (r: SqlRow): BranchPrimitives => ({ id: text(r.id), name: text(r.name), holdShelf: text(r.hold_shelf) }),
};
