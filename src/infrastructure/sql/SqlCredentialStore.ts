import type { CredentialStore, PinFailure, PinRecord, StaffScope, StaffTokenRecord } from '../../application/ports/CredentialStore.js';
import type { SqlRow } from './SqlDriver.js';
import { autocommit, instantText, instantTextOrNull, type SqlDatabase } from './SqlAutocommit.js';

function staffToken(r: SqlRow): StaffTokenRecord {
  return {
    tokenId: r.token_id as string,
    label: r.label as string,
    scope: r.scope as StaffScope,
    secretHash: r.secret_hash as string,
    createdAt: instantText(r.created_at),
    revokedAt: instantTextOrNull(r.revoked_at),
  };
}

/**
 * Staff tokens and member PINs in the `staff_tokens` and `member_pins` tables (migration 008). A wrong PIN
 * is counted by one conditional UPDATE … RETURNING — the row lock orders concurrent attempts, and each sees
 * the count the one before it left — so the card locks at the same attempt however many servers share it.
 */
export class SqlCredentialStore implements CredentialStore {
  constructor(private readonly database: SqlDatabase) {}

  async saveStaffToken(t: StaffTokenRecord): Promise<void> {
    await autocommit(this.database, (sql) =>
      sql.query(
        `INSERT INTO staff_tokens (token_id, label, scope, secret_hash, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (token_id) DO UPDATE SET label = EXCLUDED.label, scope = EXCLUDED.scope, secret_hash = EXCLUDED.secret_hash, revoked_at = EXCLUDED.revoked_at`,
        [t.tokenId, t.label, t.scope, t.secretHash, t.createdAt, t.revokedAt],
      ),
    );
  }

  staffToken(tokenId: string): Promise<StaffTokenRecord | null> {
    return autocommit(this.database, async (sql) => {
      const { rows } = await sql.query('SELECT * FROM staff_tokens WHERE token_id = $1', [tokenId]);
      return rows[0] ? staffToken(rows[0]) : null;
    });
  }

  staffTokens(): Promise<StaffTokenRecord[]> {
    return autocommit(this.database, async (sql) => (await sql.query('SELECT * FROM staff_tokens ORDER BY created_at, token_id')).rows.map(staffToken));
  }

  async setPin(memberId: string, pinHash: string): Promise<void> {
    await autocommit(this.database, (sql) =>
      sql.query(
        `INSERT INTO member_pins (member_id, pin_hash) VALUES ($1, $2)
         ON CONFLICT (member_id) DO UPDATE SET pin_hash = EXCLUDED.pin_hash, failures = '{}', locked_until = NULL`,
        [memberId, pinHash],
      ),
    );
  }

  pin(memberId: string): Promise<PinRecord | null> {
    return autocommit(this.database, async (sql) => {
      const { rows } = await sql.query('SELECT member_id, pin_hash, failures, locked_until FROM member_pins WHERE member_id = $1', [memberId]);
      const r = rows[0];
      if (!r) return null;
      return {
        memberId: r.member_id as string,
        pinHash: r.pin_hash as string,
        failures: (r.failures as unknown[]).map(instantText),
        lockedUntil: instantTextOrNull(r.locked_until),
      };
    });
  }

  /**
   * withPinFailure (the port's counting rule) as one statement: the row is counted only when no wait is in force at
   * the failure's instant, and every expression reads the row as the lock found it, so servers sharing the database
   * count together and a try during a wait is counted by none.
   */
  recordPinFailure(memberId: string, f: PinFailure): Promise<string | null> {
    return autocommit(this.database, async (sql) => {
      const kept = 'ARRAY(SELECT t FROM unnest(failures) AS t WHERE t > $3 ORDER BY t)';
      const n = `(cardinality(${kept}) + 1)`;
      const { rows } = await sql.query(
        `UPDATE member_pins SET
           locked_until = CASE WHEN ${n} >= $4
             THEN $2::timestamptz + make_interval(secs => LEAST($6::float8, $5::float8 * power(2::float8, ${n} - $4)))
             ELSE NULL END,
           failures = ${kept} || $2::timestamptz
         WHERE member_id = $1 AND (locked_until IS NULL OR locked_until <= $2::timestamptz)
         RETURNING locked_until`,
        [memberId, f.at.toISOString(), f.forgetBefore.toISOString(), f.freeFailures, f.firstWaitSeconds, f.maxWaitSeconds],
      );
      return rows[0] ? instantTextOrNull(rows[0].locked_until) : null;
    });
  }

  clearPinFailures(memberId: string, now: Date): Promise<boolean> {
    return autocommit(this.database, async (sql) => {
      const { rows } = await sql.query(
        `WITH cleared AS (
           UPDATE member_pins SET failures = '{}', locked_until = NULL
           WHERE member_id = $1 AND (locked_until IS NULL OR locked_until <= $2)
           RETURNING member_id
         )
         SELECT EXISTS (SELECT 1 FROM cleared) AS cleared, EXISTS (SELECT 1 FROM member_pins WHERE member_id = $1) AS known`,
        [memberId, now.toISOString()],
      );
      const r = rows[0];
      return r?.cleared === true || r?.known !== true;
    });
  }
}
