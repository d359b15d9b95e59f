import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { SqlDriver, SqlResult, SqlRow, SqlSession } from './SqlDriver.js';

/** A PostgreSQL server through a `pg` connection pool; the pool is created on first use. */
export class PgDriver implements SqlDriver {
  readonly engine = 'postgres';
  private pool: Promise<Pool> | null = null;

  constructor(private readonly config: PoolConfig) {}

  static fromUrl(connectionString: string, max = 10): PgDriver {
    return new PgDriver({ connectionString, max });
  }

  async acquire(): Promise<SqlSession> {
    this.pool ??= import('pg').then(({ default: pg }) => {
      const pool = new pg.Pool(this.config);
      // An idle connection that the server drops must not crash the process; the next acquire reconnects.
      pool.on('error', () => undefined);
      return pool;
    });
    return new PgSession(await (await this.pool).connect());
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await (await pool).end();
  }
}

class PgSession implements SqlSession {
  constructor(private readonly client: PoolClient) {}

  async query<R extends SqlRow = SqlRow>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    const result = await this.client.query<R>(text, params as unknown[]);
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  }

  async script(text: string): Promise<void> {
    await this.client.query(text);
  }

  release(broken = false): void {
    this.client.release(broken);
  }
}
