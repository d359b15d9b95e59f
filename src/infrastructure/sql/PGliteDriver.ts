import type { PGlite } from '@electric-sql/pglite';
import type { SqlDriver, SqlResult, SqlRow, SqlSession } from './SqlDriver.js';

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) in this process: in memory, or persisted to `dataDir`.
 * PGlite has one connection, so sessions take turns: a transaction holds it from BEGIN to COMMIT.
 */
export class PGliteDriver implements SqlDriver {
  readonly engine = 'pglite';
  private db: Promise<PGlite> | null = null;
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir?: string) {}

  async acquire(): Promise<SqlSession> {
    this.db ??= import('@electric-sql/pglite').then(({ PGlite }) => PGlite.create(this.dataDir === undefined ? {} : { dataDir: this.dataDir }));
    const db = await this.db;
    let release!: () => void;
    const previous = this.turn;
    this.turn = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return new PGliteSession(db, release);
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db) {
      await this.turn;
      await (await db).close();
    }
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
