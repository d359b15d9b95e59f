import type { LoanCategory } from './LoanCategory.js';
import type { Money, MoneyPrimitives } from '../shared/Money.js';
import type { BookItemStatus, Hold, ShelvedStatus, Transit } from './BookItemStates.js';

/** A copy as it is stored and described: its persisted shape (`BookItemPrimitives`) and what shelving it takes. */

/** The loan a copy was on when it was declared lost: the refund window is counted from `lostAt`. */
export interface LostLoan {
  readonly loanId: string;
  readonly memberId: string;
  readonly lostAt: string;
}

export interface BookItemPrimitives {
  readonly barcode: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly branch: string;
  readonly rack: string;
  readonly referenceOnly: boolean;
  readonly replacementPrice: MoneyPrimitives | null;
  readonly status: BookItemStatus;
  readonly hold: Hold | null;
  readonly loan: { readonly loanId: string; readonly memberId: string } | null;
  /** Loan category for rule matching (absent in older records: REFERENCE when reference-only, else STANDARD). */
  readonly loanCategory?: LoanCategory;
  /** Set while the copy is LOST after being lost on loan (absent: null). */
  readonly lostLoan?: LostLoan | null;
  /** Set while the copy is IN_TRANSIT to another branch's hold shelf (absent: null). */
  readonly transit?: Transit | null;
}

export interface CopyDescription {
  readonly barcode: string;
  /** The title: its ISBN in any form, or its record id when it has none (read by `RecordId.key`). */
  readonly isbn: string;
  readonly branch: string;
  readonly rack: string;
  readonly referenceOnly?: boolean;
  readonly replacementPrice?: Money;
  /** Default STANDARD, or REFERENCE for a reference-only copy; a REFERENCE copy is always reference-only. */
  readonly loanCategory?: LoanCategory;
  /** The state it joins the catalogue in (`SHELVED_AS`): default AVAILABLE, on the shelf. */
  readonly status?: ShelvedStatus;
}

