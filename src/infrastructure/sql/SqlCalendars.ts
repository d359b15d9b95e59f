import type { CalendarRepository } from '../../application/ports/CalendarRepository.js';
import { BranchCalendar, type Closure, type OpeningHours } from '../../domain/calendar/BranchCalendar.js';
import type { Weekday } from '../../domain/calendar/LocalDate.js';
import { autocommit, type SqlDatabase } from './SqlAutocommit.js';

/**
 * Branch calendars in `branch_calendars` and `branch_closures` (migration 008). A branch nobody saved a
 * calendar for answers from `fallback` (the policy's). Saving never removes a closure — the port only ever
 * adds them — and two servers adding closures to one branch at once both keep theirs.
 */
export class SqlCalendars implements CalendarRepository {
  constructor(
    private readonly database: SqlDatabase,
    private readonly fallback: (branch: string) => BranchCalendar,
  ) {}

  forBranch(branch: string): Promise<BranchCalendar> {
    return autocommit(this.database, async (sql) => {
      const { rows } = await sql.query(
        `SELECT c.time_zone, c.opening_hours,
           COALESCE((SELECT json_agg(json_build_object('from', x.from_date::text, 'to', x.to_date::text, 'kind', x.kind, 'reason', x.reason) ORDER BY x.position)
                     FROM branch_closures x WHERE x.branch = c.branch), '[]'::json) AS closures
         FROM branch_calendars c WHERE c.branch = $1`,
        [branch],
      );
      const r = rows[0];
      if (!r) return this.fallback(branch);
      const hours = parsed(r.opening_hours) as Partial<Record<Weekday, OpeningHours | null>> | null;
      return BranchCalendar.fromPrimitives({
        branch,
        timeZone: r.time_zone as string,
        ...(hours === null ? {} : { openingHours: hours }),
        closures: parsed(r.closures) as Closure[],
      });
    });
  }

  async save(calendar: BranchCalendar): Promise<void> {
    const p = calendar.toPrimitives();
    const closures = p.closures ?? [];
    await autocommit(this.database, async (sql) => {
      await sql.query('BEGIN');
      try {
        await sql.query(
          `INSERT INTO branch_calendars (branch, time_zone, opening_hours) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (branch) DO UPDATE SET time_zone = EXCLUDED.time_zone, opening_hours = EXCLUDED.opening_hours`,
          [p.branch, p.timeZone, p.openingHours === undefined ? null : JSON.stringify(p.openingHours)],
        );
        await sql.query(
          `INSERT INTO branch_closures (branch, from_date, to_date, kind, reason)
           SELECT $1, c.f, c.t, c.k, c.r FROM unnest($2::date[], $3::date[], $4::text[], $5::text[]) WITH ORDINALITY AS c (f, t, k, r, n) ORDER BY c.n
           ON CONFLICT (branch, from_date, to_date, kind, reason) DO NOTHING`,
          [p.branch, closures.map((c) => c.from), closures.map((c) => c.to), closures.map((c) => c.kind), closures.map((c) => c.reason)],
        );
        await sql.query('COMMIT');
      } catch (error) {
        await sql.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }
}

/** json arrives parsed from `pg` and PGlite alike; text (a JSON literal) is parsed here. */
function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
