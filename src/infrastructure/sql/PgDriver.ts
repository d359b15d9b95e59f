import type { Client, Pool, PoolClient, PoolConfig, Query, QueryResult } from 'pg';
import { StoreError } from '../../application/StoreError.js';
import type { SqlDriver, SqlResult, SqlRow, SqlSession } from './SqlDriver.js';

/**
 * A PostgreSQL server through a `pg` connection pool; the pool is created on first use. Its connections
 * pipeline: a statement is sent without waiting for the answer to the one before, and the server answers
 * in order, so the statements a transaction sends together share one round trip.
 */
export class PgDriver implements SqlDriver {
  readonly engine = 'postgres';
  private pool: Promise<{ readonly pool: Pool; readonly Query: typeof Query }> | null = null;
  private closed = false;
  /** Acquires waiting for a connection: a pool that ends never answers them, so `close` refuses them itself. */
  private readonly waiting = new Set<(error: Error) => void>();

  constructor(private readonly config: PoolConfig) {}

  static fromUrl(connectionString: string, max = 10): PgDriver {
    return new PgDriver({ connectionString, max });
  }

  /** A pooled connection; once the driver is closed (or while it closes), STORE_UNAVAILABLE, never a new pool. */
  async acquire(): Promise<SqlSession> {
    this.refuseIfClosed();
    this.pool ??= import('pg').then(({ default: pg }) => {
      const pool = new pg.Pool({ ...this.config, pipeline: true });
      // An idle connection that the server drops must not crash the process; the next acquire reconnects.
      pool.on('error', () => undefined);
      return { pool, Query: pg.Query };
    });
    const { pool, Query } = await this.pool;
    this.refuseIfClosed();
    const client = await new Promise<PoolClient>((resolve, reject) => {
      this.waiting.add(reject);
      pool.connect().then(
        (connected) => {
          this.waiting.delete(reject);
          if (this.closed) {
            connected.release();
            reject(closedError());
          } else resolve(connected);
        },
        (error: unknown) => {
          this.waiting.delete(reject);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
    return new PgSession(client, Query);
  }

  /** A client of its own (not pipelined, never prepared statements), closed on release. */
  async dedicated(): Promise<SqlSession> {
    this.refuseIfClosed();
    const { default: pg } = await import('pg');
    const client = new pg.Client(this.config);
    client.on('error', () => undefined); // a dropped connection surfaces on the next query
    await client.connect();
    return {
      query: async <R extends SqlRow = SqlRow>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> => {
        const result = await client.query<R>(text, params as unknown[]);
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      },
      script: async (text: string): Promise<void> => {
        await client.query(text);
      },
      release: (): void => {
        void client.end().catch(() => undefined);
      },
    };
  }

  async listen(channel: string, onNotice: (payload: string) => void): Promise<() => Promise<void>> {
    this.refuseIfClosed();
    const { default: pg } = await import('pg');
    let stopped = false;
    let client: Client | null = null;
    let retry: NodeJS.Timeout | null = null;
    const connect = async (): Promise<void> => {
      const next = new pg.Client(this.config);
      next.on('notification', (message) => {
        onNotice(message.payload ?? '');
      });
      next.on('error', () => {
        void next.end().catch(() => undefined);
        if (client === next) client = null;
        if (!stopped) again();
      });
      await next.connect();
      await next.query(`LISTEN ${quoteIdentifier(channel)}`);
      if (stopped) await next.end();
      else client = next;
    };
    const again = (): void => {
      retry ??= setTimeout(() => {
        retry = null;
        connect().then(() => { onNotice(''); }, () => { if (!stopped) again(); });
      }, LISTEN_RETRY_MILLIS);
      retry.unref();
    };
    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const last = client;
      client = null;
      await last?.end().catch(() => undefined);
    };
  }

  /** Refuses the acquires still waiting for a connection, then ends the pool once the sessions held are released. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    for (const refuse of this.waiting) refuse(closedError());
    this.waiting.clear();
    const pool = this.pool;
    this.pool = null;
    if (pool) await (await pool).pool.end();
  }

  private refuseIfClosed(): void {
    if (this.closed) throw closedError();
  }
}

const closedError = (): StoreError => new StoreError('STORE_UNAVAILABLE', 'the store is closed');

/** How long a listening connection that dropped waits before it connects again. */
const LISTEN_RETRY_MILLIS = 1000;

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Statement text → prepared-statement name. The store's statements are few and fixed, so the map stays small. */
const statementNames = new Map<string, string>();
const MAX_PREPARED = 500;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_PREPARED) {
    name = `shelfmark_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

class PgSession implements SqlSession {
  private corked = false;
  /** The server ended the connection while this session held it (failover, idle timeout, pg_terminate_backend). */
  private dropped = false;
  // A checked-out client has no listener of the pool's: without this one, the 'error' it emits would end the process.
  // The statement under way fails on its own; the connection is then released as broken, not back into the pool.
  private readonly onError = (): void => {
    this.dropped = true;
  };

  constructor(
    private readonly client: PoolClient,
    private readonly Query: typeof import('pg').Query,
  ) {
    client.on('error', this.onError);
  }

  /**
   * Parameterised statements are prepared once per connection (by name) and then only bound and executed.
   * Statements sent in one turn of the event loop leave in one write to the socket (see `gather`).
   *
   * The statement goes as a `Query` made from its text, which `pg` takes as it is, with the name given after; a
   * config object (`{ name, text, values }`) would be copied property by property first, at every statement, which
   * cost the driver about a seventh of its CPU per checkout + return (bench:store's Node replay).
   */
  query<R extends SqlRow = SqlRow>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    this.gather();
    const name = params.length > 0 ? statementName(text) : undefined;
    return new Promise((resolve, reject) => {
      const query = new this.Query(text, params as unknown[], (error: Error | undefined, result: QueryResult<R>) => {
        if (error) reject(error);
        else resolve({ rows: result.rows, rowCount: result.rowCount ?? 0 });
      });
      // `name` is what `pg` prepares the statement under (its constructor reads it from a config object).
      if (name !== undefined) (query as unknown as { name: string }).name = name;
      this.client.query(query);
    });
  }

  async script(text: string): Promise<void> {
    await this.client.query(text);
  }

  release(broken = false): void {
    this.client.off('error', this.onError);
    this.client.release(broken || this.dropped);
  }

  /**
   * Holds the socket's writes until the current turn of the event loop is over, so the statements a
   * transaction sends together (its reads side by side, its writes, BEGIN with the first read) cost
   * one system call instead of one each.
   */
  private gather(): void {
    if (this.corked) return;
    const socket = (this.client as unknown as Client).connection.stream;
    socket.cork();
    this.corked = true;
    setImmediate(() => {
      this.corked = false;
      socket.uncork();
    });
  }
}
