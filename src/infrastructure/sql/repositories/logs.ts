import type { AuditWriter, OutboxWriter } from '../../../application/ports/Store.js';
import type { StatementPipeline } from '../StatementPipeline.js';
import { SENT } from '../VersionedRows.js';

/** Notices to send once the transaction commits (`outbox`): appended, never updated here. */
export function outboxWriter(sql: StatementPipeline): OutboxWriter {
  return {
    enqueue: (m) => {
      sql.write({
        row: `outbox:${m.idempotencyKey}`,
        append: {
          table: 'outbox',
          columns: ['id', 'idempotency_key', 'kind', 'member_id', 'payload', 'created_at', 'next_attempt_at'],
          values: [m.id, m.idempotencyKey, m.kind, m.memberId, JSON.stringify(m.payload), m.createdAt, m.createdAt],
          jsonColumns: ['payload'],
          onConflict: 'ON CONFLICT (idempotency_key) DO NOTHING',
        },
      });
      return SENT;
    },
    holds: async (key) => (await sql.one('SELECT 1 AS held FROM outbox WHERE idempotency_key = $1', [key], () => true)) ?? false,
  };
}

/** What was done, by whom (`audit`): appended, never updated. */
export function auditWriter(sql: StatementPipeline): AuditWriter {
  return {
    append: (e) => {
      sql.write({
        row: `audit:${e.id}`,
        append: {
          table: 'audit',
          columns: ['id', 'at', 'actor', 'actor_label', 'action', 'member_id', 'barcode', 'isbn', 'data'],
          values: [e.id, e.at, e.actor, e.actorLabel ?? null, e.action, e.memberId, e.barcode, e.isbn, JSON.stringify(e.data)],
          jsonColumns: ['data'],
        },
      });
      return SENT;
    },
  };
}
