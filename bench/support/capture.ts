import type { SqlDriver, SqlResult, SqlRow, SqlSession } from '../../src/infrastructure/sql/SqlDriver.js';

/** One statement a session sent, with its parameters, and the socket write it left in (statements sent in one turn share one). */
export interface CapturedStatement {
  readonly text: string;
  readonly params: readonly unknown[];
  /** Statements with the same flight left together, before any answer came back: one round trip. */
  readonly flight: number;
  /** The session (one per transaction) that sent it, numbered in the order they were acquired. */
  readonly session: number;
}

/**
 * A SqlDriver that passes everything through and, while `recording`, writes down every statement its sessions send,
 * in order, numbering the flights: a flight is what one turn of the event loop sent (PgDriver gathers each turn's
 * statements into one write to the socket), so the flights of a use case are its round trips.
 */
export class CapturingDriver implements SqlDriver {
  readonly statements: CapturedStatement[] = [];
  recording = false;
  private flight = 0;
  private turnOpen = false;
  private sessions = 0;

  constructor(private readonly inner: SqlDriver) {}

  get engine(): SqlDriver['engine'] {
    return this.inner.engine;
  }

  async acquire(): Promise<SqlSession> {
    const session = await this.inner.acquire();
    const number = ++this.sessions;
    return {
      query: <R extends SqlRow = SqlRow>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> => {
        if (this.recording) this.statements.push({ text, params, flight: this.currentFlight(), session: number });
        return session.query<R>(text, params);
      },
      script: (text) => session.script(text),
      release: (broken) => {
        session.release(broken);
      },
    };
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Starts a new flight at the first statement of a turn. */
  private currentFlight(): number {
    if (!this.turnOpen) {
      this.turnOpen = true;
      this.flight++;
      setImmediate(() => {
        this.turnOpen = false;
      });
    }
    return this.flight;
  }
}
