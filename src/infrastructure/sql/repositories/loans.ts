import type { LoanRepository } from '../../../application/ports/Store.js';
import { Loan } from '../../../domain/lending/Loan.js';
import { int, loanRow } from '../rows.js';
import type { SqlRow } from '../SqlDriver.js';
import type { StatementPipeline } from '../StatementPipeline.js';
import type { VersionedRows } from '../VersionedRows.js';
import { C } from './bytewise.js';

/** What a checkout reads, as one constant text (see StatementTexts): the member's outstanding loans. */
const OUTSTANDING_FOR_MEMBER = `SELECT * FROM loans WHERE member_id = $1 AND status IN ('OPEN', 'LOST') ORDER BY checked_out_at, id ${C}`;

/** Loans of shelf copies (`loans`), keyed by id. */
export function loanRepository(sql: StatementPipeline, rows: VersionedRows): LoanRepository {
  const loan = (r: SqlRow): Loan => Loan.fromPrimitives(loanRow.read(r), int(r.version));
  return {
    get: (id) => sql.one('SELECT * FROM loans WHERE id = $1', [id], loan),
    save: (l) => rows.saveRoot(l, 'loans', 'id', l.id, loanRow.columns(l.toPrimitives())),
    openForCopy: (barcode) => sql.one(`SELECT * FROM loans WHERE barcode = $1 AND status = 'OPEN'`, [barcode], loan),
    openForMember: (memberId) => sql.many(`SELECT * FROM loans WHERE member_id = $1 AND status = 'OPEN' ORDER BY checked_out_at, id ${C}`, [memberId], loan),
    openForTitle: (isbn) => sql.many(`SELECT * FROM loans WHERE isbn = $1 AND status = 'OPEN' ORDER BY checked_out_at, id ${C}`, [isbn], loan),
    outstandingForMember: (memberId) => sql.many(OUTSTANDING_FOR_MEMBER, [memberId], loan),
    historyForMember: (memberId) => sql.many(`SELECT * FROM loans WHERE member_id = $1 ORDER BY checked_out_at, id ${C}`, [memberId], loan),
    listDueBefore: (instant) => sql.many(`SELECT * FROM loans WHERE status = 'OPEN' AND due_at < $1 ORDER BY due_at, id ${C}`, [instant.toISOString()], loan),
  };
}
