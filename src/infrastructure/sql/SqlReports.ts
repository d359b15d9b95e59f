import type { ActivityBucket, ActivityCount, HoldCounts, ReportStore } from '../../application/ports/Reports.js';
import type { BookItemPrimitives } from '../../domain/catalog/BookItem.js';
import type { LoanPrimitives } from '../../domain/lending/Loan.js';
import { itemRow, loanRow } from './rows.js';
import { int, iso, text } from './rows/values.js';
import type { Autocommit } from './SqlOutbox.js';

/**
 * The reports on PostgreSQL and PGlite (the same SQL). Every query reads through an index of migration 024 or of the
 * lending schema: checkouts by `loans_checked_out_at`, returns by `loans_returned_at`, payments by `payments_paid_at`,
 * overdue loans by `loans_open_due`, holds by `reservations_waiting` and `reservations_ready`, the hold shelf by
 * `book_items_hold_shelf`.
 */
export class SqlReports implements ReportStore {
  constructor(private readonly run: Autocommit) {}

  activity(from: Date, to: Date, bucket: ActivityBucket): Promise<ActivityCount[]> {
    return this.run(async (sql) => {
      const { rows } = await sql.query(
        `SELECT to_char(bucket, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS start, sum(checkouts)::int AS checkouts, sum(returns)::int AS returns FROM (
           SELECT date_trunc($3, checked_out_at AT TIME ZONE 'UTC') AS bucket, count(*) AS checkouts, 0 AS returns
             FROM loans WHERE checked_out_at >= $1 AND checked_out_at < $2 GROUP BY 1
           UNION ALL
           SELECT date_trunc($3, returned_at AT TIME ZONE 'UTC'), 0, count(*)
             FROM loans WHERE returned_at >= $1 AND returned_at < $2 GROUP BY 1
         ) counted GROUP BY bucket ORDER BY bucket`,
        [from.toISOString(), to.toISOString(), bucket],
      );
      return rows.map((r) => ({ start: iso(text(r.start)), checkouts: int(r.checkouts), returns: int(r.returns) }));
    });
  }

  overdue(now: Date, limit: number): Promise<{ readonly count: number; readonly loans: readonly LoanPrimitives[] }> {
    return this.run(async (sql) => {
      const counted = await sql.query(`SELECT count(*)::int AS n FROM loans WHERE status = 'OPEN' AND due_at < $1`, [now.toISOString()]);
      const { rows } = await sql.query(`SELECT * FROM loans WHERE status = 'OPEN' AND due_at < $1 ORDER BY due_at, id COLLATE "C" LIMIT $2`, [
        now.toISOString(),
        limit,
      ]);
      return { count: int(counted.rows[0]?.n ?? 0), loans: rows.map((r) => loanRow.read(r)) };
    });
  }

  holdCounts(): Promise<HoldCounts> {
    return this.run(async (sql) => {
      const { rows } = await sql.query(
        `SELECT (SELECT count(*) FROM reservations WHERE status = 'WAITING')::int AS waiting,
                (SELECT count(*) FROM reservations WHERE status = 'READY_FOR_PICKUP')::int AS ready`,
      );
      return { waiting: int(rows[0]?.waiting ?? 0), ready: int(rows[0]?.ready ?? 0) };
    });
  }

  paymentsTaken(from: Date, to: Date): Promise<number> {
    return this.run(async (sql) => {
      const { rows } = await sql.query(`SELECT coalesce(sum(amount), 0)::bigint AS total FROM payments WHERE paid_at >= $1 AND paid_at < $2`, [
        from.toISOString(),
        to.toISOString(),
      ]);
      return int(rows[0]?.total ?? 0);
    });
  }

  holdShelf(branch: string | null): Promise<readonly BookItemPrimitives[]> {
    return this.run(async (sql) => {
      const { rows } = await sql.query(
        `SELECT * FROM book_items WHERE status = 'RESERVED' AND ($1::text IS NULL OR coalesce(hold_pickup_branch, branch) = $1)
         ORDER BY hold_expires_at NULLS LAST, barcode COLLATE "C"`,
        [branch],
      );
      return rows.map((r) => itemRow.read(r));
    });
  }
}
