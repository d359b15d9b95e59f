import type { PGlite } from '@electric-sql/pglite';
import { StoreError } from '../../application/StoreError.js';
import type { SqlDriver, SqlResult, SqlRow, SqlSession } from './SqlDriver.js';

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) in this process: in memory, or persisted to `dataDir`.
 * PGlite has one connection, so sessions take turns: a transaction holds it from BEGIN to COMMIT.
 */
export class PGliteDriver implements SqlDriver {
  readonly engine = 'pglite';
  private db: Promise<PGlite> | null = null;
  private turn: Promise<void> = Promise.resolve();
  private closed = false;
  /** The sessions waiting their turn, each refused at once by `close` (and forgotten when its turn comes). */
  private readonly waiting = new Set<() => void>();

  constructor(private readonly dataDir?: string) {}

  /** The connection, when the session before has released it; once the driver is closed, STORE_UNAVAILABLE (never a new, empty database). */
  async acquire(): Promise<SqlSession> {
    if (this.closed) throw closedError();
    this.db ??= import('@electric-sql/pglite').then(({ PGlite }) => PGlite.create(this.dataDir === undefined ? {} : { dataDir: this.dataDir }));
    const db = await this.db;
    if (this.isClosed()) throw closedError(); // closed while the database opened
    let release!: () => void;
    const previous = this.turn;
    this.turn = new Promise<void>((resolve) => (release = resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const refuse = (): void => {
          reject(closedError());
        };
        this.waiting.add(refuse);
        void previous.then(() => {
          this.waiting.delete(refuse);
          if (this.isClosed()) refuse();
          else resolve();
        });
      });
    } catch (error) {
      void previous.then(release); // the turn passes on only when the session before has released it
      throw error;
    }
    return new PGliteSession(db, release);
  }

  /** Waits for the session holding the connection, then closes the database; the sessions still waiting are refused. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    for (const refuse of this.waiting) refuse();
    this.waiting.clear();
    const db = this.db;
    this.db = null;
    if (db) {
      await this.turn;
      await (await db).close();
    }
  }

  /** Read anew after an await (`closed` changes while a session waits). */
  private isClosed(): boolean {
    return this.closed;
  }
}

class PGliteSession implements SqlSession {
  private released = false;

  constructor(
    private readonly db: PGlite,
    private readonly done: () => void,
  ) {}

  async query<R extends SqlRow = SqlRow>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    const result = await this.db.query<R>(text, params as unknown[]);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }

  async script(text: string): Promise<void> {
    await this.db.exec(text);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.done();
  }
}

const closedError = (): StoreError => new StoreError('STORE_UNAVAILABLE', 'the store is closed');
