/**
 * The little a SQL store needs from a database client, so one schema and one set of queries run
 * on a PostgreSQL server (`pg`) and on embedded PostgreSQL (PGlite) alike.
 */
export type SqlRow = Record<string, unknown>;

export interface SqlResult<R extends SqlRow = SqlRow> {
  readonly rows: R[];
  readonly rowCount: number;
}

/** One connection, held by one transaction at a time. */
export interface SqlSession {
  /** One statement with `$1…` parameters. */
  query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** Several statements without parameters (migrations). */
  script(text: string): Promise<void>;
  /** Returns the connection; `broken` discards it instead of reusing it. */
  release(broken?: boolean): void;
}

export interface SqlDriver {
  /** For messages and docs: which engine answers. */
  readonly engine: 'postgres' | 'pglite';
  acquire(): Promise<SqlSession>;
  /**
   * A connection of its own, outside the pool, for a session that outlives transactions (the job lock holds one
   * for a whole round); `release` closes it. Optional: without it, such a session takes a pooled connection.
   */
  dedicated?(): Promise<SqlSession>;
  /**
   * Hears the notifications on `channel` (LISTEN) on a connection of its own, reconnecting when it drops (and then
   * calling `onNotice` once, for what it may have missed), until the returned function stops it. Optional: PGlite,
   * one process, has nobody to hear from.
   */
  listen?(channel: string, onNotice: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
