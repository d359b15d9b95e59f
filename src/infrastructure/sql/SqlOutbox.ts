import type { AuditEntry, AuditQuery, AuditStore, OutboxMessage, OutboxStore } from '../../application/ports/Store.js';
import { iso, isoOrNull, int, text, textOrNull } from './rows.js';
import type { SqlRow, SqlSession } from './SqlDriver.js';

/** Runs one statement on a pooled connection, outside any use-case transaction. */
export type Autocommit = <T>(work: (sql: SqlSession) => Promise<T>) => Promise<T>;

const message = (r: SqlRow): OutboxMessage => ({
  id: text(r.id),
  idempotencyKey: text(r.idempotency_key),
  kind: text(r.kind),
  memberId: text(r.member_id),
  payload: r.payload as Record<string, unknown>,
  createdAt: iso(r.created_at),
  status: r.status as OutboxMessage['status'],
  attempts: int(r.attempts),
  nextAttemptAt: iso(r.next_attempt_at),
  lastError: textOrNull(r.last_error),
  deliveredAt: isoOrNull(r.delivered_at),
});

/** The dispatcher's side of the `outbox` table. Claims skip rows another dispatcher holds (`SKIP LOCKED`). */
export class SqlOutboxStore implements OutboxStore {
  constructor(private readonly run: Autocommit) {}

  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<OutboxMessage[]> {
    return this.run(async (sql) => {
      const { rows } = await sql.query(
        `WITH due AS (
           SELECT id, next_attempt_at AS due_at FROM outbox
           WHERE status = 'PENDING' AND next_attempt_at <= $1
           ORDER BY next_attempt_at, created_at, position LIMIT $2
           FOR UPDATE SKIP LOCKED)
         UPDATE outbox o SET next_attempt_at = $3 FROM due WHERE o.id = due.id
         RETURNING o.*, due.due_at`,
        [now.toISOString(), limit, leaseUntil.toISOString()],
      );
      // Handed out as they were when claimed (before the lease), oldest first.
      return rows
        .map((r) => ({ message: { ...message(r), nextAttemptAt: iso(r.due_at) }, position: int(r.position) }))
        .sort((a, b) => a.message.nextAttemptAt.localeCompare(b.message.nextAttemptAt) || a.message.createdAt.localeCompare(b.message.createdAt) || a.position - b.position)
        .map(({ message: m }) => m);
    });
  }

  markDelivered(id: string, now: Date): Promise<void> {
    return this.run(async (sql) => {
      await sql.query(`UPDATE outbox SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = $2, last_error = NULL WHERE id = $1 AND status = 'PENDING'`, [
        id,
        now.toISOString(),
      ]);
    });
  }

  markUnconfirmed(id: string, why: string, now: Date): Promise<void> {
    return this.run(async (sql) => {
      await sql.query(`UPDATE outbox SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = $2, last_error = $3 WHERE id = $1 AND status = 'PENDING'`, [
        id,
        now.toISOString(),
        why,
      ]);
    });
  }

  markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    return this.run(async (sql) => {
      await sql.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
           status = CASE WHEN $3::timestamptz IS NULL THEN 'DEAD' ELSE 'PENDING' END,
           next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
         WHERE id = $1 AND status = 'PENDING'`,
        [id, error, retryAt?.toISOString() ?? null],
      );
    });
  }

  pruneDelivered(before: Date): Promise<number> {
    return this.run(async (sql) => (await sql.query(`DELETE FROM outbox WHERE status = 'DELIVERED' AND delivered_at < $1`, [before.toISOString()])).rowCount);
  }

  list(filter: { readonly status?: OutboxMessage['status']; readonly memberId?: string } = {}): Promise<OutboxMessage[]> {
    return this.run(async (sql) => {
      const { rows } = await sql.query(
        'SELECT * FROM outbox WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR member_id = $2) ORDER BY position',
        [filter.status ?? null, filter.memberId ?? null],
      );
      return rows.map(message);
    });
  }
}

/** Reads the append-only `audit` table (a trigger refuses updates and deletes). */
export class SqlAuditStore implements AuditStore {
  constructor(private readonly run: Autocommit) {}

  query(filter: AuditQuery): Promise<AuditEntry[]> {
    return this.run(async (sql) => {
      const { rows } = await sql.query(
        `SELECT * FROM audit
         WHERE ($1::text IS NULL OR member_id = $1) AND ($2::text IS NULL OR barcode = $2) AND ($3::text IS NULL OR isbn = $3)
           AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)
         ORDER BY position LIMIT $6`,
        [filter.memberId ?? null, filter.barcode ?? null, filter.isbn ?? null, filter.from ?? null, filter.to ?? null, filter.limit ?? null],
      );
      return rows.map(
        (r): AuditEntry => ({
          id: text(r.id),
          at: iso(r.at),
          actor: text(r.actor),
          ...(r.actor_label === null || r.actor_label === undefined ? {} : { actorLabel: text(r.actor_label) }),
          action: text(r.action),
          memberId: textOrNull(r.member_id),
          barcode: textOrNull(r.barcode),
          isbn: textOrNull(r.isbn),
          data: r.data as Record<string, unknown>,
        }),
      );
    });
  }
}
