import type { DigitalCopyRepository, DigitalLoanRepository, RevokedTokenRepository } from '../../../application/ports/Store.js';
import { DigitalCopy } from '../../../domain/digital/DigitalCopy.js';
import { DigitalLoan } from '../../../domain/digital/DigitalLoan.js';
import { digitalCopyRow, digitalLoanRow, int } from '../rows.js';
import type { SqlRow } from '../SqlDriver.js';
import type { StatementPipeline } from '../StatementPipeline.js';
import { SENT, type VersionedRows } from '../VersionedRows.js';
import { C } from './bytewise.js';
import type { SqlReservationQueues } from './reservations.js';

/** License pools (`digital_copies`), keyed by copy id; a pool is written after its title's queue is locked. */
export function digitalCopyRepository(sql: StatementPipeline, rows: VersionedRows, queues: SqlReservationQueues): DigitalCopyRepository {
  const digitalCopy = (r: SqlRow): DigitalCopy => DigitalCopy.fromPrimitives(digitalCopyRow.read(r), int(r.version));
  return {
    get: (copyId) => sql.one('SELECT * FROM digital_copies WHERE copy_id = $1', [copyId], digitalCopy),
    // Always an UPDATE that bumps the version, even for an unchanged pool: that bump is what serialises borrows.
    save: async (c) => {
      await queues.lock(c.isbn);
      await rows.saveRoot(c, 'digital_copies', 'copy_id', c.copyId, digitalCopyRow.columns(c.toPrimitives()));
    },
    listByIsbn: (isbn) => sql.many(`SELECT * FROM digital_copies WHERE isbn = $1 ORDER BY copy_id ${C}`, [isbn], digitalCopy),
    listWithLapsedOffers: (now) => sql.many(`SELECT * FROM digital_copies WHERE offers_expire_at <= $1 ORDER BY copy_id ${C}`, [now.toISOString()], digitalCopy),
  };
}

/** E-loans (`digital_loans`), keyed by id. */
export function digitalLoanRepository(sql: StatementPipeline, rows: VersionedRows): DigitalLoanRepository {
  const digitalLoan = (r: SqlRow): DigitalLoan => DigitalLoan.fromPrimitives(digitalLoanRow.read(r), int(r.version));
  return {
    get: (id) => sql.one('SELECT * FROM digital_loans WHERE id = $1', [id], digitalLoan),
    save: (l) => rows.saveRoot(l, 'digital_loans', 'id', l.id, digitalLoanRow.columns(l.toPrimitives())),
    activeForMember: (memberId) =>
      sql.many(`SELECT * FROM digital_loans WHERE member_id = $1 AND status = 'ACTIVE' ORDER BY borrowed_at, id ${C}`, [memberId], digitalLoan),
    listDue: (now) => sql.many(`SELECT * FROM digital_loans WHERE status = 'ACTIVE' AND due_at <= $1 ORDER BY due_at, id ${C}`, [now.toISOString()], digitalLoan),
  };
}

/** Loan tokens revoked before they lapse (`revoked_tokens`). */
export function revokedTokenRepository(sql: StatementPipeline): RevokedTokenRepository {
  return {
    revoke: (t) => {
      sql.write({
        row: `revoked_tokens:${t.tokenId}`,
        text: 'INSERT INTO revoked_tokens (token_id, loan_id, until) VALUES ($1, $2, $3) ON CONFLICT (token_id) DO NOTHING',
        params: [t.tokenId, t.loanId, t.until.toISOString()],
      });
      return SENT;
    },
    isRevoked: async (tokenId) => (await sql.read('SELECT 1 FROM revoked_tokens WHERE token_id = $1', [tokenId])).rows.length > 0,
    pruneLapsed: async (before) => (await sql.read('DELETE FROM revoked_tokens WHERE until < $1 RETURNING token_id', [before.toISOString()])).rows.length,
  };
}
