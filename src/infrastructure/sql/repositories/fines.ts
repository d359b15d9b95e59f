import type { FineLedgerRepository } from '../../../application/ports/Store.js';
import { FineLedger, type FinePrimitives } from '../../../domain/fines/FineLedger.js';
import { fineRow, int, ledgerRow, paymentRow, text } from '../rows.js';
import type { SqlRow } from '../SqlDriver.js';
import type { StatementPipeline } from '../StatementPipeline.js';
import { SENT, type VersionedRows } from '../VersionedRows.js';

/** The ledger's root row with its open and accruing fines (`isLiveFine`): what every decision reads, however long the member's history. */
const OPEN_COLUMNS = `l.member_id, l.currency, l.version, l.balance, l.fine_count, l.payment_count,
    coalesce((SELECT json_agg(f ORDER BY f.ordinal) FROM fines f WHERE f.member_id = l.member_id AND (f.status = 'OPEN' OR f.accrual IS NOT NULL)), '[]') AS fines,
    '[]'::json AS payments`;
/** The root row with every fine and payment: a statement. */
const STATEMENT_COLUMNS = `l.member_id, l.currency, l.version, l.balance, l.fine_count, l.payment_count,
    coalesce((SELECT json_agg(f ORDER BY f.ordinal) FROM fines f WHERE f.member_id = l.member_id), '[]') AS fines,
    coalesce((SELECT json_agg(p ORDER BY p.ordinal) FROM payments p WHERE p.member_id = l.member_id), '[]') AS payments`;
/** The borrower of an open loan of the copy, and their ledger if they have one (`member_id` null: never fined). */
const BORROWER_LEDGER_SELECT = `SELECT o.member_id AS borrower, ${OPEN_COLUMNS}
  FROM loans o LEFT JOIN fine_ledgers l ON l.member_id = o.member_id WHERE o.barcode = $1 AND o.status = 'OPEN'`;

/** A member's ledger with its open fines, and with everything: constant texts (see StatementTexts). */
const OPEN_LEDGER_SELECT = `SELECT ${OPEN_COLUMNS} FROM fine_ledgers l WHERE l.member_id = $1`;
const STATEMENT_LEDGER_SELECT = `SELECT ${STATEMENT_COLUMNS} FROM fine_ledgers l WHERE l.member_id = $1`;

/** Where the rows of one ledger stand in this transaction: the next free ordinals and the ordinals of the rows read. */
interface Placement {
  fineCount: number;
  paymentCount: number;
  readonly fines: Map<string, number>;
  readonly payments: Set<string>;
}

/**
 * A member's ledger: its root row (`fine_ledgers`: the running balance and how many fines and payments it has) and its
 * `fines` and `payments`. Decisions read the root row with the open fines in one statement; statements read every row.
 * A new fine or payment takes the next ordinal from the root row, whose version check keeps two writers apart.
 */
export class SqlFineLedgers implements FineLedgerRepository {
  private readonly placements = new Map<string, Placement>();

  constructor(
    private readonly sql: StatementPipeline,
    private readonly rows: VersionedRows,
  ) {}

  async forMember(memberId: string, currency: string): Promise<FineLedger> {
    return (await this.sql.one(OPEN_LEDGER_SELECT, [memberId], (r) => this.loaded(r))) ?? FineLedger.open(memberId, currency);
  }

  forBorrowerOf(barcode: string, currency: string): Promise<FineLedger | null> {
    return this.sql.one(BORROWER_LEDGER_SELECT, [barcode], (r) => (r.member_id === null ? FineLedger.open(text(r.borrower), currency) : this.loaded(r)));
  }

  async statementFor(memberId: string, currency: string): Promise<FineLedger> {
    return (await this.sql.one(STATEMENT_LEDGER_SELECT, [memberId], (r) => this.loaded(r))) ?? FineLedger.open(memberId, currency);
  }

  finesOfLoan(memberId: string, loanId: string): Promise<FinePrimitives[]> {
    return this.sql.many('SELECT * FROM fines WHERE member_id = $1 AND loan_id = $2 ORDER BY ordinal', [memberId, loanId], (r) => fineRow.read(r));
  }

  save(ledger: FineLedger): Promise<void> {
    const p = ledger.toPrimitives();
    const place = this.placementOf(p.memberId);
    const fines = p.fines.map((fine) => {
      let ordinal = place.fines.get(fine.id);
      if (ordinal === undefined) place.fines.set(fine.id, (ordinal = place.fineCount++));
      return fineRow.columns(fine, p.memberId, ordinal);
    });
    const payments = p.payments.filter((x) => !place.payments.has(x.id)).map((x) => paymentRow.columns(x, p.memberId, place.paymentCount++));
    for (const x of p.payments) place.payments.add(x.id);
    this.rows.writeRoot(ledger, 'fine_ledgers', 'member_id', p.memberId, { currency: p.currency, balance: p.balance, fine_count: place.fineCount, payment_count: place.paymentCount });
    for (const columns of fines) this.rows.upsertChild('fines', 'member_id', text(columns.id), JSON.stringify(columns), columns);
    for (const columns of payments) this.rows.upsertChild('payments', 'member_id', text(columns.id), JSON.stringify(columns), columns);
    this.rows.collect(ledger);
    return SENT;
  }

  private placementOf(memberId: string): Placement {
    let place = this.placements.get(memberId);
    if (!place) this.placements.set(memberId, (place = { fineCount: 0, paymentCount: 0, fines: new Map(), payments: new Set() }));
    return place;
  }

  private loaded(r: SqlRow): FineLedger {
    const { ledger, fines, payments } = ledgerRow.read(r);
    const place = this.placementOf(ledger.memberId);
    place.fineCount = int(r.fine_count);
    place.paymentCount = int(r.payment_count);
    for (const { fine, ordinal } of fines) {
      place.fines.set(fine.id, ordinal);
      this.rows.readChild('fines', fine.id, JSON.stringify(fineRow.columns(fine, ledger.memberId, ordinal)));
    }
    for (const { payment } of payments) place.payments.add(payment.id);
    return FineLedger.fromPrimitives(ledger, int(r.version));
  }
}
