import type { IdempotencyClaim, IdempotencyClaimRequest, IdempotencyStore, StoredResponse } from '../../application/ports/IdempotencyStore.js';
import { autocommit, instantText, type SqlDatabase } from './SqlAutocommit.js';

/**
 * Idempotency records in `idempotency_records` (migration 008), shared by every server on the database.
 * A claim is one `INSERT … ON CONFLICT (key) DO UPDATE … WHERE <the record has expired>`: of two servers
 * claiming one key at once, the second waits on the first's row and then finds it taken, so exactly one runs.
 */
export class SqlIdempotencyStore implements IdempotencyStore {
  constructor(private readonly database: SqlDatabase) {}

  claim(c: IdempotencyClaimRequest): Promise<IdempotencyClaim> {
    return autocommit(this.database, async (sql) => {
      for (;;) {
        const claimed = await sql.query(
          `INSERT INTO idempotency_records AS r (key, claimant, fingerprint, lease_until, expires_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (key) DO UPDATE SET claimant = EXCLUDED.claimant, fingerprint = EXCLUDED.fingerprint,
             lease_until = EXCLUDED.lease_until, expires_at = EXCLUDED.expires_at, response = NULL
           WHERE (r.response IS NULL AND r.lease_until <= $6) OR (r.response IS NOT NULL AND r.expires_at <= $6)
           RETURNING claimant`,
          [c.key, c.claimant, c.fingerprint, c.leaseUntil.toISOString(), c.expiresAt.toISOString(), c.now.toISOString()],
        );
        if (claimed.rowCount > 0) return { state: 'claimed' } as const;
        const { rows } = await sql.query('SELECT fingerprint, lease_until, response FROM idempotency_records WHERE key = $1', [c.key]);
        const r = rows[0];
        if (!r) continue; // released or pruned in between: claim again
        const fingerprint = r.fingerprint as string;
        if (r.response === null) return { state: 'running', fingerprint, leaseUntil: instantText(r.lease_until) } as const;
        const response = (typeof r.response === 'string' ? JSON.parse(r.response) : r.response) as StoredResponse;
        return { state: 'done', fingerprint, response } as const;
      }
    });
  }

  async complete(key: string, claimant: string, response: StoredResponse): Promise<void> {
    await autocommit(this.database, (sql) =>
      sql.query('UPDATE idempotency_records SET response = $3::json WHERE key = $1 AND claimant = $2', [
        key,
        claimant,
        JSON.stringify({ status: response.status, body: response.body ?? null }),
      ]),
    );
  }

  async release(key: string, claimant: string): Promise<void> {
    await autocommit(this.database, (sql) => sql.query('DELETE FROM idempotency_records WHERE key = $1 AND claimant = $2 AND response IS NULL', [key, claimant]));
  }

  prune(now: Date): Promise<number> {
    return autocommit(this.database, async (sql) => {
      const result = await sql.query('DELETE FROM idempotency_records WHERE expires_at <= $1 AND (response IS NOT NULL OR lease_until <= $1)', [now.toISOString()]);
      return result.rowCount;
    });
  }
}
