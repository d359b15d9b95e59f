import type { SqlResult, SqlRow } from './SqlDriver.js';
import { ComposedTexts } from './StatementTexts.js';
import { renumber, type Statement } from './WriteBatch.js';

/** Combined read texts by the reads combined (see StatementTexts). */
const texts = new ComposedTexts();

/** Whether each read text seen so far locks: the store's reads are few and fixed, so this stays small. */
const locking = new Map<string, boolean>();
const MAX_TEXTS = 2000;

/** One read of a transaction: a SELECT with parameters from `$1`. */
export interface PendingRead {
  readonly text: string;
  readonly params: readonly unknown[];
  /**
   * Whether it goes as one JSON column even alone, as it would in company (see `combine`): for a read of many
   * columns whose rows only row readers take. `pg` does some work for every column of every answer, rows or none.
   */
  readonly asJson?: boolean;
}

/**
 * Reads a use case asks for side by side (member, copy, ledger, loans), sent as one statement: each read is a
 * scalar subquery of one SELECT, its rows gathered with `json_agg` in the read's own order, so a checkout's four
 * lookups cost the database one statement, not four. The row readers take JSON values as they take native ones
 * (timestamps as text, jsonb as objects), so a read answers alike whether it went alone or in company.
 *
 * A read that locks (`FOR UPDATE`) closes its statement: the reads after a lock must see what was committed
 * before the lock was granted, which a statement started before it cannot. The reads before it may share the
 * statement; they see it as they would have seen it a moment earlier (a return's member and ledger beside the
 * lock on the title's queue), and what the use case writes of them is version-checked as ever.
 */
export const ReadBatch = {
  locks(read: PendingRead): boolean {
    let locks = locking.get(read.text);
    if (locks === undefined) {
      locks = /\bFOR UPDATE\b/i.test(read.text);
      if (locking.size < MAX_TEXTS) locking.set(read.text, locks);
    }
    return locks;
  },

  /** Splits reads, in order, into the groups that may share a statement: each lock ends its group. */
  groups(reads: readonly PendingRead[]): PendingRead[][] {
    const groups: PendingRead[][] = [];
    let run: PendingRead[] = [];
    for (const read of reads) {
      run.push(read);
      if (ReadBatch.locks(read)) {
        groups.push(run);
        run = [];
      }
    }
    if (run.length > 0) groups.push(run);
    return groups;
  },

  /** Reads as one statement (two or more, or one `asJson`); its single row holds each read's rows in column `rN`. */
  combine(reads: readonly PendingRead[]): Statement {
    const parts: string[] = [];
    const params: unknown[] = [];
    // A read's text fixes its parameters, so the texts alone key the statement.
    for (const read of reads) {
      parts.push(read.text);
      params.push(...read.params);
    }
    const text = texts.text(parts, () => {
      const columns: string[] = [];
      let offset = 0;
      reads.forEach((read, i) => {
        columns.push(`(SELECT coalesce(json_agg(r), '[]'::json) FROM (${offset === 0 ? read.text : renumber(read.text, offset)}) r) AS r${i}`);
        offset += read.params.length;
      });
      return `SELECT ${columns.join(', ')}`;
    });
    return { text, params };
  },

  /** The answer to read `i` of a combined statement. */
  answer<R extends SqlRow>(row: SqlRow | undefined, i: number): SqlResult<R> {
    const value = row?.[`r${i}`];
    const rows = (typeof value === 'string' ? JSON.parse(value) : value) as R[] | undefined;
    if (!Array.isArray(rows)) throw new Error(`a combined read returned no column r${i}`);
    return { rows, rowCount: rows.length };
  },
};
