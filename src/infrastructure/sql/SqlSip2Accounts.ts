import type { Sip2AccountRecord, Sip2Accounts } from '../../application/ports/Sip2Accounts.js';
import { autocommit, instantText, type SqlDatabase } from './SqlAutocommit.js';
import type { SqlRow } from './SqlDriver.js';

function account(r: SqlRow): Sip2AccountRecord {
  return {
    user: r.login_user as string,
    passwordHash: r.password_hash as string,
    location: r.location as string,
    allowedMessages: r.allowed_messages as string[],
    createdAt: instantText(r.created_at),
  };
}

/** SIP2 login accounts in the `sip2_accounts` table (migration 010), next to the staff tokens and PINs. */
export class SqlSip2Accounts implements Sip2Accounts {
  constructor(private readonly database: SqlDatabase) {}

  async save(a: Sip2AccountRecord): Promise<void> {
    await autocommit(this.database, (sql) =>
      sql.query(
        `INSERT INTO sip2_accounts (login_user, password_hash, location, allowed_messages, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (login_user) DO UPDATE SET password_hash = EXCLUDED.password_hash, location = EXCLUDED.location, allowed_messages = EXCLUDED.allowed_messages`,
        [a.user, a.passwordHash, a.location, [...a.allowedMessages], a.createdAt],
      ),
    );
  }

  find(user: string): Promise<Sip2AccountRecord | null> {
    return autocommit(this.database, async (sql) => {
      const { rows } = await sql.query('SELECT * FROM sip2_accounts WHERE login_user = $1', [user]);
      return rows[0] ? account(rows[0]) : null;
    });
  }

  list(): Promise<Sip2AccountRecord[]> {
    return autocommit(this.database, async (sql) => (await sql.query('SELECT * FROM sip2_accounts ORDER BY login_user')).rows.map(account));
  }

  remove(user: string): Promise<boolean> {
    return autocommit(this.database, async (sql) => (await sql.query('DELETE FROM sip2_accounts WHERE login_user = $1 RETURNING login_user', [user])).rows.length > 0);
  }
}
