import type { SqlDriver, SqlSession } from './SqlDriver.js';
import { translateSqlError } from './sqlErrors.js';

/** What the state adapters next to the store need from it: a migrated database to take a connection from. */
export interface SqlDatabase {
  readonly driver: SqlDriver;
  /** Connects and applies pending migrations (once). */
  ready(): Promise<void>;
}

/** Runs `work` on one connection outside any transaction (each statement commits on its own), translating driver errors. */
export async function autocommit<T>(database: SqlDatabase, work: (sql: SqlSession) => Promise<T>): Promise<T> {
  await database.ready();
  let sql: SqlSession;
  try {
    sql = await database.driver.acquire();
  } catch (error) {
    throw translateSqlError(error);
  }
  try {
    return await work(sql);
  } catch (error) {
    throw translateSqlError(error);
  } finally {
    sql.release();
  }
}

/** timestamptz arrives as a Date from `pg` and PGlite; the ports speak ISO-8601 UTC strings. */
export function instantText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`expected a timestamp, got ${typeof value}`);
}

export function instantTextOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : instantText(value);
}
