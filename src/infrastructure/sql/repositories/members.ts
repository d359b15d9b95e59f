import type { MemberRepository } from '../../../application/ports/Store.js';
import { Member } from '../../../domain/members/Member.js';
import { int, memberRow } from '../rows.js';
import type { SqlRow } from '../SqlDriver.js';
import type { StatementPipeline } from '../StatementPipeline.js';
import type { VersionedRows } from '../VersionedRows.js';

/** Members (`members`), keyed by id. */
export function memberRepository(sql: StatementPipeline, rows: VersionedRows): MemberRepository {
  const member = (r: SqlRow): Member => Member.fromPrimitives(memberRow.read(r), int(r.version));
  return {
    get: (id) => sql.one('SELECT * FROM members WHERE id = $1', [id], member),
    borrowerOf: (barcode) =>
      sql.one(`SELECT m.* FROM members m JOIN loans l ON l.member_id = m.id WHERE l.barcode = $1 AND l.status = 'OPEN'`, [barcode], member),
    withEmail: (email) => sql.one('SELECT * FROM members WHERE lower(email) = lower($1) ORDER BY id LIMIT 1', [email], member),
    cardsExpiringBetween: (from, to) =>
      sql.many('SELECT * FROM members WHERE card_expires_at > $1 AND card_expires_at <= $2 ORDER BY card_expires_at, id', [from.toISOString(), to.toISOString()], member),
    save: (m) => rows.saveRoot(m, 'members', 'id', m.id, memberRow.columns(m.toPrimitives())),
    delete: (m) => rows.deleteRoot(m, 'members', 'id', m.id),
  };
}
