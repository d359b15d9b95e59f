import { readdir, readFile } from 'node:fs/promises';
import type { SqlDriver } from './SqlDriver.js';

export interface Migration {
  /** `001`, `002`, …: applied in this order, each once. */
  readonly version: string;
  readonly name: string;
  readonly sql: string;
}

/** The plain SQL files shipped next to this module, `NNN_name.sql`, in order. */
export async function bundledMigrations(directory = new URL('./migrations/', import.meta.url)): Promise<Migration[]> {
  const files = (await readdir(directory)).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({ version: file.slice(0, 3), name: file.slice(4, -4), sql: await readFile(new URL(file, directory), 'utf8') })),
  );
}

/** Any constant will do, as long as every Shelfmark process agrees on it. */
const MIGRATION_LOCK = 0x5e1f_3a4b;

/**
 * Applies the migrations a database has not seen yet, in one transaction under a transaction-level
 * advisory lock: processes starting together queue on the lock, and the later ones find nothing to do.
 * Returns the versions it applied.
 */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[]): Promise<string[]> {
  const session = await driver.acquire();
  let broken = false;
  try {
    await session.query('BEGIN');
    await session.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await session.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await session.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await session.script(m.sql);
      await session.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await session.query('COMMIT');
    return applied;
  } catch (error) {
    await session.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    session.release(broken);
  }
}

export interface MigrationStatus {
  readonly applied: readonly { readonly version: string; readonly name: string; readonly appliedAt: string }[];
  readonly pending: readonly Migration[];
}

/** Which migrations a database has applied (and when) and which it has not; reads only. */
export async function migrationStatus(driver: SqlDriver, migrations: readonly Migration[]): Promise<MigrationStatus> {
  const session = await driver.acquire();
  try {
    const table = await session.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
    const rows = table.rows[0]?.present
      ? (await session.query<{ version: string; name: string; applied_at: Date | string }>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')).rows
      : [];
    const applied = rows.map((r) => ({ version: r.version, name: r.name, appliedAt: new Date(r.applied_at).toISOString() }));
    const done = new Set(applied.map((a) => a.version));
    return { applied, pending: migrations.filter((m) => !done.has(m.version)) };
  } finally {
    session.release();
  }
}
