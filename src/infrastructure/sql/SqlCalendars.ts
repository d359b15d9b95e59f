import type { CalendarRepository } from '../../application/ports/CalendarRepository.js';
import { BranchCalendar, type Closure, type OpeningHours } from '../../domain/calendar/BranchCalendar.js';
import type { Weekday } from '../../domain/calendar/LocalDate.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { autocommit, type SqlDatabase } from './SqlAutocommit.js';
import type { SqlRow, SqlSession } from './SqlDriver.js';

/** The store the calendars live next to: it loads them once migrated, before the first transaction. */
export interface SqlCalendarDatabase extends SqlDatabase {
  onReady(task: (sql: SqlSession) => Promise<void>): void;
}

const SELECT_CALENDARS = `
  SELECT c.branch, c.time_zone, c.opening_hours,
    COALESCE((SELECT json_agg(json_build_object('from', x.from_date::text, 'to', x.to_date::text, 'kind', x.kind, 'reason', x.reason) ORDER BY x.position)
              FROM branch_closures x WHERE x.branch = c.branch), '[]'::json) AS closures
  FROM branch_calendars c`;

/**
 * Branch calendars in `branch_calendars` and `branch_closures` (migration 008). A branch nobody saved a
 * calendar for answers from `fallback` (the policy's). Saving never removes a closure — the port only ever
 * adds them — and two servers adding closures to one branch at once both keep theirs.
 *
 * Rules read calendars inside a use case's transaction, which holds a connection (PGlite's only one), so
 * calendars are answered from memory: loaded when the store gets ready, updated by this process's saves,
 * and — on a PostgreSQL server, where other processes may save too — re-read in the background, on its own
 * pool connection, once the copy is older than `refreshSeconds` by the clock.
 */
export class SqlCalendars implements CalendarRepository {
  private calendars = new Map<string, BranchCalendar>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly database: SqlCalendarDatabase,
    private readonly fallback: (branch: string) => BranchCalendar,
    private readonly clock: Clock,
    private readonly refreshSeconds = 60,
  ) {
    database.onReady((sql) => this.load(sql));
  }

  async forBranch(branch: string): Promise<BranchCalendar> {
    await this.database.ready();
    this.refreshWhenStale();
    return this.calendars.get(branch) ?? this.fallback(branch);
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
      await this.load(sql);
    });
  }

  private async load(sql: SqlSession): Promise<void> {
    const { rows } = await sql.query(SELECT_CALENDARS);
    this.calendars = new Map(rows.map((r) => [r.branch as string, calendarOf(r)]));
    this.loadedAt = this.clock.now().getTime();
  }

  private refreshWhenStale(): void {
    if (this.database.driver.engine !== 'postgres' || this.refreshing !== null) return;
    if (this.clock.now().getTime() - this.loadedAt < this.refreshSeconds * 1000) return;
    this.refreshing = autocommit(this.database, (sql) => this.load(sql))
      .catch(() => undefined) // keep answering from the copy; the next read tries again
      .finally(() => (this.refreshing = null));
  }
}

function calendarOf(r: SqlRow): BranchCalendar {
  const hours = parsed(r.opening_hours) as Partial<Record<Weekday, OpeningHours | null>> | null;
  return BranchCalendar.fromPrimitives({
    branch: r.branch as string,
    timeZone: r.time_zone as string,
    ...(hours === null ? {} : { openingHours: hours }),
    closures: parsed(r.closures) as Closure[],
  });
}

/** json arrives parsed from `pg` and PGlite alike; text (a JSON literal) is parsed here. */
function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
