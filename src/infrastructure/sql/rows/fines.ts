import type { FineAccrualState } from '../../../domain/fines/FineAccrual.js';
import type { FineLedgerPrimitives, FinePrimitives, FineStatus, PaymentPrimitives } from '../../../domain/fines/FineLedger.js';
import type { FineReason } from '../../../domain/shared/DomainEvent.js';
import type { SqlRow } from '../SqlDriver.js';
import { type Columns, int, iso, json, text, textOrNull } from './values.js';

/** Row ⇄ primitives for a member's ledger: its root row (`fine_ledgers`) and its child rows (`fines`, `payments`). */

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
    accrual: f.accrual ?? null,
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
    ...(r.accrual === null || r.accrual === undefined ? {} : { accrual: r.accrual as FineAccrualState }),
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

/** A fine row as read, with the place it holds in its member's ledger (`ordinal`, which orders the ledger's fines). */
export interface FineRowRead {
  readonly fine: FinePrimitives;
  readonly ordinal: number;
}

export const ledgerRow = {
  /** The root row with its fines and payments read as JSON arrays of rows (those the statement selected). */
  read: (r: SqlRow): { ledger: FineLedgerPrimitives; fines: FineRowRead[]; payments: { payment: PaymentPrimitives; ordinal: number }[] } => {
    const fines = (json(r.fines) as SqlRow[]).map((f) => ({ fine: fineRow.read(f), ordinal: int(f.ordinal) }));
    const payments = (json(r.payments) as SqlRow[]).map((x) => ({ payment: paymentRow.read(x), ordinal: int(x.ordinal) }));
    return {
      ledger: { memberId: text(r.member_id), currency: text(r.currency).trim(), balance: int(r.balance), fines: fines.map((f) => f.fine), payments: payments.map((x) => x.payment) },
      fines,
      payments,
    };
  },
};
