import type { FineLedgerRepository } from '../../../application/ports/Store.js';
import { FineLedger } from '../../../domain/fines/FineLedger.js';
import { fineRow, int, ledgerRow, paymentRow, text } from '../rows.js';
import type { SqlRow } from '../SqlDriver.js';
import type { StatementPipeline } from '../StatementPipeline.js';
import { SENT, type VersionedRows } from '../VersionedRows.js';

const LEDGER_COLUMNS = `l.member_id, l.currency, l.version,
    coalesce((SELECT json_agg(f ORDER BY f.ordinal) FROM fines f WHERE f.member_id = l.member_id), '[]') AS fines,
    coalesce((SELECT json_agg(p ORDER BY p.ordinal) FROM payments p WHERE p.member_id = l.member_id), '[]') AS payments`;
const LEDGER_SELECT = `SELECT ${LEDGER_COLUMNS} FROM fine_ledgers l WHERE l.member_id = $1`;
/** The borrower of an open loan of the copy, and their ledger if they have one (`member_id` null: never fined). */
const BORROWER_LEDGER_SELECT = `SELECT o.member_id AS borrower, ${LEDGER_COLUMNS}
  FROM loans o LEFT JOIN fine_ledgers l ON l.member_id = o.member_id WHERE o.barcode = $1 AND o.status = 'OPEN'`;

/** A member's ledger: its root row (`fine_ledgers`) and its `fines` and `payments`, read in one statement. */
export class SqlFineLedgers implements FineLedgerRepository {
  constructor(
    private readonly sql: StatementPipeline,
    private readonly rows: VersionedRows,
  ) {}

  async forMember(memberId: string, currency: string): Promise<FineLedger> {
    return (await this.sql.one(LEDGER_SELECT, [memberId], (r) => this.loaded(r))) ?? FineLedger.open(memberId, currency);
  }

  forBorrowerOf(barcode: string, currency: string): Promise<FineLedger | null> {
    return this.sql.one(BORROWER_LEDGER_SELECT, [barcode], (r) => (r.member_id === null ? FineLedger.open(text(r.borrower), currency) : this.loaded(r)));
  }

  save(ledger: FineLedger): Promise<void> {
    const p = ledger.toPrimitives();
    this.rows.writeRoot(ledger, 'fine_ledgers', 'member_id', p.memberId, { currency: p.currency });
    for (const [i, fine] of p.fines.entries()) {
      const columns = fineRow.columns(fine, p.memberId, i);
      this.rows.upsertChild('fines', 'member_id', fine.id, JSON.stringify(columns), columns);
    }
    for (const [i, payment] of p.payments.entries()) {
      const columns = paymentRow.columns(payment, p.memberId, i);
      this.rows.upsertChild('payments', 'member_id', payment.id, JSON.stringify(columns), columns);
    }
    this.rows.collect(ledger);
    return SENT;
  }

  private loaded(r: SqlRow): FineLedger {
    const p = ledgerRow.read(r);
    p.fines.forEach((f, i) => {
      this.rows.readChild('fines', f.id, JSON.stringify(fineRow.columns(f, p.memberId, i)));
    });
    p.payments.forEach((x, i) => {
      this.rows.readChild('payments', x.id, JSON.stringify(paymentRow.columns(x, p.memberId, i)));
    });
    return FineLedger.fromPrimitives(p, int(r.version));
  }
}
