import type { SqlResult, SqlRow, SqlSession } from './SqlDriver.js';
import { type PendingRead, ReadBatch } from './ReadBatch.js';
import { type PendingWrite, type Statement, WriteBatch } from './WriteBatch.js';

/**
 * The statements of one database transaction, on their way. Writes are collected in a WriteBatch and leave as one
 * statement just before the next read, or with COMMIT; nothing waits for them on the way. Reads asked for side by
 * side leave together (ReadBatch). On a pipelining connection a use case so costs a round trip per group of reads
 * plus one for its writes and commit. Every statement's outcome is checked, in order, before a read answers and
 * before the commit is reported (`settle`): a read still sees the transaction's own writes, and a lost race (raised
 * by the database itself) still fails the transaction before anything commits.
 */
export class StatementPipeline {
  /** Whether BEGIN has been sent (see `begin`). */
  private begun = false;
  /** Reads asked for in this turn of the event loop, not yet sent. */
  private asked: { readonly read: PendingRead; readonly answer: (result: SqlResult | Failure) => void }[] = [];
  /** Writes not yet sent: they leave together, as one statement, before the next read or COMMIT. */
  private readonly batch = new WriteBatch();
  /** Statements sent and not yet checked: BEGIN, then the writes since the last read. */
  private unsettled: Promise<unknown>[] = [];

  constructor(private readonly sql: SqlSession) {}

  /**
   * Sends COMMIT behind the writes without waiting for them. Every failure is the database's own (a lost
   * race raises there, see WriteBatch), and a failed statement has already aborted the transaction, where
   * COMMIT only rolls back; so the first failure in order is the outcome, and none means committed.
   */
  async commit(): Promise<void> {
    this.sendReads();
    if (this.begun) {
      this.send();
      this.submit({ text: 'COMMIT', params: [] });
    } else {
      // Every read came before every write and took no lock, and the writes are one statement: it commits
      // by itself, all or nothing, and the use case costs neither BEGIN nor COMMIT.
      this.submit(this.batch.take());
    }
    await this.settle();
  }

  /** Drops the writes not yet sent, waits out those on their way, then rolls back (a no-op where the database already did). */
  async rollback(): Promise<void> {
    this.sendReads();
    this.batch.take();
    await this.settle().catch(() => undefined);
    if (this.begun) await this.sql.query('ROLLBACK');
  }

  /** Adds a write to the batch; a second write of a row already in it sends the batch first. */
  write(write: PendingWrite): void {
    if (this.batch.holds(write.row)) this.send();
    this.batch.add(write);
  }

  /**
   * Sends a read behind the writes before it, and answers once they are known to have succeeded. `asJson`: its rows
   * come as one JSON column even when it goes alone (see PendingRead), for reads whose rows only row readers take.
   */
  async read<R extends SqlRow = SqlRow>(text: string, params: readonly unknown[], asJson = false): Promise<SqlResult<R>> {
    this.send();
    const answer = this.ask<R>(asJson ? { text, params, asJson } : { text, params });
    await this.settle();
    const result = await answer;
    if (result instanceof Failure) throw result.error;
    return result;
  }

  /** The first row read, mapped, or null when there is none. */
  async one<A>(text: string, params: readonly unknown[], map: (r: SqlRow) => A): Promise<A | null> {
    const { rows } = await this.read(text, params);
    const row = rows[0];
    return row === undefined ? null : map(row);
  }

  /** Every row read, mapped. */
  async many<A>(text: string, params: readonly unknown[], map: (r: SqlRow) => A): Promise<A[]> {
    return (await this.read(text, params)).rows.map(map);
  }

  /**
   * Opens the database transaction, once, when the use case first needs one: before a lock (held to the end)
   * or before writes that more statements follow (later reads must see them; later writes must commit with
   * them). Reads before that run on their own, as each statement of a READ COMMITTED transaction would:
   * on the latest committed data.
   */
  private begin(): void {
    if (this.begun) return;
    this.begun = true;
    this.submit({ text: 'BEGIN', params: [] });
  }

  /** Sends a statement without waiting for it; `settle` checks its outcome, in order. */
  private submit(statement: Statement | null): void {
    if (statement) this.unsettled.push(quiet(this.sql.query(statement.text, statement.params)));
  }

  /** Waits for every statement sent so far and throws the first failure, in the order they were sent. */
  private async settle(): Promise<void> {
    while (this.unsettled.length > 0) {
      const sent = this.unsettled;
      this.unsettled = [];
      const outcomes = await Promise.all(sent);
      const failure = outcomes.find((o) => o instanceof Failure);
      if (failure) throw failure.error;
    }
  }

  /** Sends the batched writes as one statement, without waiting for it (after the reads asked for before them). */
  private send(): void {
    if (this.batch.isEmpty) return;
    this.sendReads();
    this.begin();
    this.submit(this.batch.take());
  }

  /** Queues a read until the end of this turn, so the reads asked for side by side leave together (ReadBatch). */
  private ask<R extends SqlRow>(read: PendingRead): Promise<SqlResult<R> | Failure> {
    return new Promise((resolve) => {
      if (this.asked.length === 0) {
        process.nextTick(() => {
          this.sendReads();
        });
      }
      this.asked.push({ read, answer: resolve as (result: SqlResult | Failure) => void });
    });
  }

  /** Sends the queued reads, in order, each group of them as one statement. */
  private sendReads(): void {
    const asked = this.asked;
    if (asked.length === 0) return;
    this.asked = [];
    let at = 0;
    for (const group of ReadBatch.groups(asked.map((a) => a.read))) {
      const waiting = asked.slice(at, at + group.length);
      at += group.length;
      // Only a group's last read can lock (a lock closes its group).
      const last = group[group.length - 1];
      if (last !== undefined && ReadBatch.locks(last)) this.begin();
      const [only] = group;
      if (group.length === 1 && only && only.asJson !== true) {
        void quiet(this.sql.query(only.text, only.params)).then((result) => {
          waiting[0]?.answer(result);
        });
        continue;
      }
      const { text, params } = ReadBatch.combine(group);
      void quiet(this.sql.query(text, params)).then((result) => {
        waiting.forEach((w, i) => {
          if (result instanceof Failure) w.answer(result);
          else {
            try {
              w.answer(ReadBatch.answer(result.rows[0], i));
            } catch (error) {
              w.answer(new Failure(error));
            }
          }
        });
      });
    }
  }
}

/** A statement's failure, held as a value so that a statement nobody waits for yet never rejects unobserved. */
class Failure {
  constructor(readonly error: unknown) {}
}

function quiet<T>(sent: Promise<T>): Promise<T | Failure> {
  return sent.then(
    (value) => value,
    (error: unknown) => new Failure(error),
  );
}
