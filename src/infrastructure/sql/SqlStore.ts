import type { Committed, Store, Transaction, TransactionHooks } from '../../application/ports/Store.js';
import { StoreError } from '../../application/StoreError.js';
import { bundledMigrations, migrate, type Migration } from './Migrator.js';
import { PgDriver } from './PgDriver.js';
import { PGliteDriver } from './PGliteDriver.js';
import type { SqlDriver, SqlSession } from './SqlDriver.js';
import { translateSqlError } from './sqlErrors.js';
import { SqlAuditStore, SqlOutboxStore } from './SqlOutbox.js';
import { SqlReports } from './SqlReports.js';
import { SqlTransaction } from './SqlTransaction.js';

export interface SqlStoreOptions {
  /** Migrations to apply before the first transaction. Default: the SQL files shipped with Shelfmark. */
  readonly migrations?: () => Promise<readonly Migration[]>;
}

/**
 * The Store on PostgreSQL (a server through `pg`, or PGlite in-process). It is created synchronously and
 * connects lazily: the first transaction (or `ready()`) connects and applies pending migrations.
 *
 * Each `transaction()` is atomic at READ COMMITTED: one database transaction, or, when the use case reads
 * everything before it writes and its writes fit one statement, that statement alone (SqlTransaction says
 * how its statements are shaped). Lost races (a stale version, a unique or foreign-key violation, a
 * serialization failure or deadlock) roll back and surface as StoreError('CONCURRENT_MODIFICATION'),
 * which the UnitOfWork retries a bounded number of times.
 */
export class SqlStore implements Store {
  readonly outbox: SqlOutboxStore;
  readonly audit: SqlAuditStore;
  readonly reports: SqlReports;
  private migrated: Promise<void> | null = null;
  private readonly startTasks: ((sql: SqlSession) => Promise<void>)[] = [];
  private started: Promise<void> = Promise.resolve();

  constructor(
    readonly driver: SqlDriver,
    private readonly options: SqlStoreOptions = {},
  ) {
    this.outbox = new SqlOutboxStore((work) => this.autocommit(work));
    this.audit = new SqlAuditStore((work) => this.autocommit(work));
    this.reports = new SqlReports((work) => this.autocommit(work));
  }

  /** A store on a PostgreSQL server, e.g. `postgres://user@host:5432/db`. */
  static postgres(url: string, options: SqlStoreOptions & { readonly poolSize?: number } = {}): SqlStore {
    return new SqlStore(PgDriver.fromUrl(url, options.poolSize ?? 10), options);
  }

  /** A store on embedded PostgreSQL: in memory, or persisted under `dataDir`. */
  static pglite(dataDir?: string, options: SqlStoreOptions = {}): SqlStore {
    return new SqlStore(new PGliteDriver(dataDir), options);
  }

  /** Connects and migrates now instead of on the first transaction (to fail fast at start-up). */
  ready(): Promise<void> {
    this.migrated ??= (async () => {
      const migrations = await (this.options.migrations ?? bundledMigrations)();
      await migrate(this.driver, migrations);
    })().catch((error: unknown) => {
      this.migrated = null;
      throw translateSqlError(error);
    });
    return this.migrated.then(() => this.runStartTasks());
  }

  /**
   * Work for the next `ready()`, after migrating and before any transaction: how an adapter that answers
   * from memory inside transactions (the branch calendars) loads what it keeps. Runs once; retried when it fails.
   */
  onReady(task: (sql: SqlSession) => Promise<void>): void {
    this.startTasks.push(task);
  }

  private runStartTasks(): Promise<void> {
    if (this.startTasks.length > 0) {
      const tasks = this.startTasks.splice(0);
      this.started = this.started
        .catch(() => undefined)
        .then(async () => {
          const sql = await this.acquire();
          try {
            for (const task of tasks) await task(sql);
          } finally {
            sql.release();
          }
        })
        .catch((error: unknown) => {
          this.startTasks.unshift(...tasks);
          throw translateSqlError(error);
        });
    }
    return this.started;
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T>, hooks: TransactionHooks = {}): Promise<Committed<T>> {
    await this.ready();
    const sql = await this.acquire();
    let broken = false;
    const tx = new SqlTransaction(sql);
    try {
      const value = await work(tx);
      await hooks.beforeCommit?.(tx, tx.events);
      await tx.commit();
      return { value, events: tx.events };
    } catch (error) {
      await tx.rollback().catch(() => (broken = true));
      throw translateSqlError(error);
    } finally {
      sql.release(broken);
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async autocommit<T>(work: (sql: SqlSession) => Promise<T>): Promise<T> {
    await this.ready();
    const sql = await this.acquire();
    try {
      return await work(sql);
    } catch (error) {
      throw translateSqlError(error);
    } finally {
      sql.release();
    }
  }

  private async acquire(): Promise<SqlSession> {
    try {
      return await this.driver.acquire();
    } catch (error) {
      const translated = translateSqlError(error);
      throw StoreError.is(translated) ? translated : new StoreError('STORE_UNAVAILABLE', `cannot reach the ${this.driver.engine} database`, {}, { cause: error });
    }
  }
}
