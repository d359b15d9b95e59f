import pg from 'pg';
import { bundledMigrations, migrate, type Migration } from '../../src/infrastructure/sql/Migrator.js';
import type { SqlDriver, SqlRow, SqlSession } from '../../src/infrastructure/sql/SqlDriver.js';
import { describe } from 'vitest';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';

/** A file's one database, lent to a test's library: closing the library leaves the store open for the next test. */
export const lent = (store: SqlStore): SqlStore => Object.assign(Object.create(store) as SqlStore, { close: () => Promise.resolve() });

/**
 * Data as an older release left it, meeting the migrations after it: applies the bundled migrations `earlier` keeps,
 * writes `rows` straight on the driver (`exec` readies the store, which would apply every migration first), then
 * applies the rest.
 */
export async function migratedOver(store: SqlStore, earlier: (m: Migration) => boolean, rows: string): Promise<void> {
  const all = await bundledMigrations();
  await migrate(store.driver, all.filter(earlier));
  const sql = await store.driver.acquire();
  try {
    // Several statements: sent as a script, which PGlite takes as well as a server (a prepared statement holds one).
    await sql.script(rows);
  } finally {
    sql.release();
  }
  await migrate(store.driver, all);
}

/**
 * Empties every table of a migrated store — whatever tables the migrations made, so a new one needs no list kept
 * here — and restarts its sequences, as if freshly migrated. DELETE with triggers and foreign-key checks off for the
 * session (`session_replication_role = replica`: the audit guard and the version triggers do not fire) is an order of
 * magnitude cheaper than TRUNCATE on tables this small, above all on PGlite, where TRUNCATE makes new files.
 */
export async function emptied(store: SqlStore): Promise<SqlStore> {
  await store.ready();
  const sql = await store.driver.acquire();
  try {
    const tables = await sql.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'");
    const sequences = await sql.query<{ name: string }>('SELECT sequencename AS name FROM pg_sequences WHERE schemaname = current_schema()');
    await sql.script(
      [
        'BEGIN',
        'SET LOCAL session_replication_role = replica',
        ...tables.rows.map((t) => `DELETE FROM ${quoted(t.name)}`),
        ...sequences.rows.map((q) => `ALTER SEQUENCE ${quoted(q.name)} RESTART`),
        'COMMIT',
      ].join(';\n'),
    );
  } finally {
    sql.release();
  }
  return store;
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Runs one statement against the store's database, outside the repositories. */
export async function exec(store: SqlStore, text: string, params: readonly unknown[] = []): Promise<SqlRow[]> {
  await store.ready();
  const sql = await store.driver.acquire();
  try {
    return (await sql.query(text, params)).rows;
  } finally {
    sql.release();
  }
}

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The PostgreSQL server the server tests use. In CI (`CI=true`) it is required: the local server, or
 * DATABASE_URL; unreachable means the tests fail. Elsewhere they run when DATABASE_URL is set or the
 * local server answers, and are skipped otherwise.
 */
export async function postgresServer(): Promise<string | null> {
  const required = process.env.CI === 'true';
  const url = process.env.DATABASE_URL ?? LOCAL_SERVER;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: required ? 10_000 : 1_500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch (error) {
    if (required || process.env.DATABASE_URL !== undefined) throw new Error(`PostgreSQL at ${new URL(url).host} is required for these tests but unreachable`, { cause: error });
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A database of its own for one test file of one run, e.g. `shelfmark_test_4242_concurrency`; `drop()` removes it. */
export async function scratchDatabase(serverUrl: string, label: string): Promise<{ readonly url: string; drop(): Promise<void> }> {
  const name = `shelfmark_test_${process.pid}_${label}`;
  const admin = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A small pool of plain connections to a scratch database, for a test that reads and writes its rows directly.
 * `pool.end()` resolves once it has asked its connections to close, not once they have; the database's drop
 * (`WITH (FORCE)`) may then end one still closing, and a pool without an error listener turns that into an uncaught
 * error of the test run. This one listens.
 */
export function rowsPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  return pool;
}

/** A store a spec opens for itself, and how to close it (with its scratch database, on a server). */
export type OpenedStore = { readonly store: SqlStore; close(): Promise<void> };

/**
 * Declares `spec` once per engine the store runs on: PGlite, and a scratch database (named by `label`) on the
 * PostgreSQL `server` when there is one (`postgresServer()`; required in CI).
 */
export function onEveryEngine(server: string | null, label: string, spec: (engine: string, open: () => Promise<OpenedStore>) => void): void {
  spec('PGlite', () => {
    const store = SqlStore.pglite();
    return Promise.resolve({ store, close: () => store.close() });
  });
  describe.skipIf(server === null)('on a PostgreSQL server', () => {
    spec('PostgreSQL', async () => {
      const database = await scratchDatabase(server!, label);
      const store = SqlStore.postgres(database.url, { poolSize: 2 });
      return {
        store,
        close: async () => {
          await store.close();
          await database.drop();
        },
      };
    });
  });
}

/** A driver that passes every statement on and notes the SQLSTATE of each one the database refused, in order. */
export class RefusalLog implements SqlDriver {
  readonly sqlStates: string[] = [];

  constructor(private readonly inner: SqlDriver) {}

  get engine(): SqlDriver['engine'] {
    return this.inner.engine;
  }

  async acquire(): Promise<SqlSession> {
    const session = await this.inner.acquire();
    const noted = (error: unknown): never => {
      const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
      this.sqlStates.push(typeof code === 'string' ? code : 'unknown');
      throw error;
    };
    return {
      query: <R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]) => session.query<R>(text, params).catch(noted),
      script: (text) => session.script(text).catch(noted),
      release: (broken) => {
        session.release(broken);
      },
    };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
