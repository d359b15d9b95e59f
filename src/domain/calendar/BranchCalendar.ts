import { CalendarError } from './CalendarError.js';
import { LocalDate, WEEKDAYS, type Weekday } from './LocalDate.js';
import { LocalTime, TimeZone } from './TimeZone.js';

export interface OpeningHours {
  /** `HH:MM` wall-clock time in the branch's zone. */
  readonly opens: string;
  readonly closes: string;
}

export type ClosureKind = 'HOLIDAY' | 'EMERGENCY';

export interface Closure {
  /** First and last closed day, inclusive, `YYYY-MM-DD` in the branch's zone. */
  readonly from: string;
  readonly to: string;
  readonly kind: ClosureKind;
  readonly reason: string;
}

/** A branch calendar as data, the shape a policy or a store holds. */
export interface CalendarDefinition {
  readonly timeZone: string;
  /** Hours per weekday; a weekday left out or set to null is closed. Leave the whole map out for "open every day". */
  readonly openingHours?: Partial<Record<Weekday, OpeningHours | null>>;
  readonly closures?: readonly Closure[];
}

export interface BranchCalendarPrimitives extends CalendarDefinition {
  readonly branch: string;
}

/** Why a day is closed, in words a librarian can read; null when it is open. */
export type ClosedReason = string | null;

/** How far a search for an open day may look before the calendar is declared to have none. */
const SEARCH_LIMIT_DAYS = 800;

/**
 * One branch's opening days and closed dates, in the branch's own time zone. Immutable: an emergency
 * closure gives a new calendar. Without opening hours and closures the branch is open every day, all day,
 * which is how a library without a calendar has always behaved.
 */
export class BranchCalendar {
  readonly zone: TimeZone;
  private readonly hours: ReadonlyMap<Weekday, { opens: LocalTime; closes: LocalTime }> | null;
  private readonly closures: readonly { from: LocalDate; to: LocalDate; closure: Closure }[];

  private constructor(private readonly props: BranchCalendarPrimitives) {
    this.zone = TimeZone.of(props.timeZone);
    this.hours = props.openingHours === undefined ? null : BranchCalendar.parseHours(props.branch, props.openingHours);
    this.closures = (props.closures ?? []).map((closure) => {
      const from = LocalDate.parse(closure.from);
      const to = LocalDate.parse(closure.to);
      if (to.isBefore(from)) throw new CalendarError('INVALID_CALENDAR', `closure "${closure.reason}" ends before it starts`, { from: closure.from, to: closure.to });
      return { from, to, closure };
    });
  }

  static define(branch: string, definition: CalendarDefinition): BranchCalendar {
    return new BranchCalendar({ branch, ...definition });
  }

  /** Open every day, all day, in UTC: a branch nobody configured. */
  static alwaysOpen(branch: string): BranchCalendar {
    return new BranchCalendar({ branch, timeZone: 'UTC' });
  }

  static fromPrimitives(p: BranchCalendarPrimitives): BranchCalendar {
    return new BranchCalendar(p);
  }

  get branch(): string {
    return this.props.branch;
  }
  get timeZone(): string {
    return this.props.timeZone;
  }
  get allClosures(): readonly Closure[] {
    return this.props.closures ?? [];
  }

  dateOf(instant: Date): LocalDate {
    return this.zone.dateOf(instant);
  }

  isOpenOn(date: LocalDate): boolean {
    return this.closedReason(date) === null;
  }

  closedReason(date: LocalDate): ClosedReason {
    const closure = this.closures.find((c) => !date.isBefore(c.from) && !date.isAfter(c.to));
    if (closure) return `${closure.closure.reason} (${closure.closure.kind === 'EMERGENCY' ? 'emergency closure' : 'holiday'})`;
    if (this.hours !== null && !this.hours.has(date.weekday)) return `closed every ${date.weekday}`;
    return null;
  }

  /** The first open day on or after `date`. */
  nextOpenDay(date: LocalDate): LocalDate {
    return this.search(date, 1);
  }

  /** The last open day on or before `date`. */
  previousOpenDay(date: LocalDate): LocalDate {
    return this.search(date, -1);
  }

  /** The `count`-th open day after `date` (count 0: `date` itself if open, else the next open day). */
  addOpenDays(date: LocalDate, count: number): LocalDate {
    let day = this.nextOpenDay(date);
    for (let i = 0; i < count; i++) day = this.nextOpenDay(day.plusDays(1));
    return day;
  }

  /** Open days in the half-open range (`after`, `until`]. */
  openDaysBetween(after: LocalDate, until: LocalDate): number {
    let count = 0;
    for (let day = after.plusDays(1); !day.isAfter(until); day = day.plusDays(1)) if (this.isOpenOn(day)) count++;
    return count;
  }

  /** When the branch closes on `date`; null when it keeps no hours (open all day) or is closed. */
  closingTime(date: LocalDate): Date | null {
    const hours = this.hours?.get(date.weekday);
    if (!hours || !this.isOpenOn(date)) return null;
    return this.zone.instantAt(date, hours.closes);
  }

  /** The end of the branch's day: closing time, or the start of the next day when it keeps no hours. */
  endOfDay(date: LocalDate): Date {
    return this.closingTime(date) ?? this.zone.startOf(date.plusDays(1));
  }

  /** The same wall-clock time as `instant`, on another day. */
  sameTimeOn(instant: Date, date: LocalDate): Date {
    const { minutes } = this.zone.wallClock(instant);
    const moved = this.zone.instantAt(date, LocalTime.ofMinutes(minutes));
    return new Date(moved.getTime() + (instant.getTime() % 60_000 + 60_000) % 60_000);
  }

  /** A new calendar with one more closure. */
  withClosure(closure: Closure): BranchCalendar {
    return new BranchCalendar({ ...this.props, closures: [...(this.props.closures ?? []), closure] });
  }

  toPrimitives(): BranchCalendarPrimitives {
    return { ...this.props, closures: [...(this.props.closures ?? [])] };
  }

  private search(date: LocalDate, step: 1 | -1): LocalDate {
    for (let i = 0, day = date; i < SEARCH_LIMIT_DAYS; i++, day = day.plusDays(step)) if (this.isOpenOn(day)) return day;
    throw new CalendarError('NO_OPEN_DAY', `branch ${this.branch} has no open day within ${SEARCH_LIMIT_DAYS} days of ${date.toString()}`, {
      branch: this.branch,
      date: date.toString(),
    });
  }

  private static parseHours(branch: string, hours: Partial<Record<Weekday, OpeningHours | null>>) {
    const parsed = new Map<Weekday, { opens: LocalTime; closes: LocalTime }>();
    for (const day of WEEKDAYS) {
      const h = hours[day];
      if (!h) continue;
      const opens = LocalTime.parse(h.opens);
      const closes = LocalTime.parse(h.closes);
      if (!closes.isAfter(opens)) throw new CalendarError('INVALID_CALENDAR', `branch ${branch} closes before it opens on ${day}`, { branch, day });
      parsed.set(day, { opens, closes });
    }
    if (parsed.size === 0) throw new CalendarError('INVALID_CALENDAR', `branch ${branch} is never open`, { branch });
    return parsed;
  }
}
