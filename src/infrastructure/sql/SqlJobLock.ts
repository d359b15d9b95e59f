import type { JobLock } from '../../application/ports/JobLock.js';
import type { SqlDriver } from './SqlDriver.js';

/**
 * The job lock on PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) taken on one connection of its
 * own (`SqlDriver.dedicated`, outside the pool) that is held, idle, for the whole round and unlocked at its end.
 * Session-level rather than `pg_try_advisory_xact_lock` in a transaction kept open for the round: nothing sits
 * "idle in transaction" for minutes (no snapshot held back, no `idle_in_transaction_session_timeout` to trip), and
 * the round's own transactions use the whole pool as usual, even a pool of one. If the process dies the server
 * drops the connection and the lock with it.
 *
 * Within one process, libraries sharing the store share this lock object, which also keeps them apart. On PGlite
 * that is the whole lock: its single backend connection is shared by every session, so an advisory lock there
 * would be re-entrant and exclude nothing, and no other process can open the same database.
 */
export class SqlJobLock implements JobLock {
  private readonly held = new Set<string>();

  constructor(private readonly driver: SqlDriver) {}

  async runExclusive<T>(name: string, work: () => Promise<T>): Promise<T | null> {
    if (this.held.has(name)) return null;
    this.held.add(name);
    try {
      return this.driver.engine === 'pglite' ? await work() : await this.acrossProcesses(name, work);
    } finally {
      this.held.delete(name);
    }
  }

  private async acrossProcesses<T>(name: string, work: () => Promise<T>): Promise<T | null> {
    const session = await (this.driver.dedicated?.() ?? this.driver.acquire());
    const key = [`shelfmark.job-lock:${name}`];
    let locked: boolean;
    try {
      locked = (await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', key)).rows[0]?.locked === true;
    } catch (error) {
      session.release(true);
      throw error;
    }
    if (!locked) {
      session.release();
      return null;
    }
    let broken = false;
    try {
      return await work();
    } finally {
      // A dedicated connection closes on release anyway; a pooled one that cannot unlock is discarded, which ends the lock too.
      await session.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', key).catch(() => (broken = true));
      session.release(broken);
    }
  }
}
