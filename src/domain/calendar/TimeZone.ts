import { CalendarError } from './CalendarError.js';
import { LocalDate } from './LocalDate.js';

/** A wall-clock time `HH:MM`, as minutes after midnight. */
export class LocalTime {
  private constructor(readonly minutes: number) {}

  static parse(text: string): LocalTime {
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
    if (!m) throw new CalendarError('INVALID_TIME', `"${text}" is not a time of the form HH:MM`, { value: text });
    return new LocalTime(Number(m[1]) * 60 + Number(m[2]));
  }

  static ofMinutes(minutes: number): LocalTime {
    return new LocalTime(minutes);
  }

  isAfter(other: LocalTime): boolean {
    return this.minutes > other.minutes;
  }

  toString(): string {
    return `${String(Math.trunc(this.minutes / 60)).padStart(2, '0')}:${String(this.minutes % 60).padStart(2, '0')}`;
  }
}

const HOUR = 3_600_000;
/** Hours of offsets remembered per zone before the memory starts over. */
const REMEMBERED_HOURS = 4096;

/**
 * An IANA time zone read through the built-in `Intl` data: converts instants to wall-clock dates and times
 * and back, across daylight-saving changes. Never reads the machine's own zone.
 *
 * `Intl` is asked for the UTC offset, and the offset of an hour whose first and last millisecond agree is
 * remembered for that hour (no zone changes its clocks twice within an hour); an hour with a change in it is
 * asked about every time. A due date, computed from a handful of instants, so costs arithmetic, not formatting.
 */
export class TimeZone {
  private static readonly formatters = new Map<string, Intl.DateTimeFormat>();
  private static readonly offsets = new Map<string, Map<number, number>>();

  private constructor(readonly id: string) {}

  static of(id: string): TimeZone {
    TimeZone.formatter(id);
    return new TimeZone(id);
  }

  /** The wall-clock date and time of `instant` in this zone. */
  wallClock(instant: Date): { readonly date: LocalDate; readonly minutes: number; readonly seconds: number } {
    const local = new Date(instant.getTime() + this.offsetAt(instant));
    return {
      date: LocalDate.of(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()),
      minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
      seconds: local.getUTCSeconds() + local.getUTCMilliseconds() / 1000,
    };
  }

  dateOf(instant: Date): LocalDate {
    return this.wallClock(instant).date;
  }

  /** UTC offset of this zone at `instant`, in milliseconds. */
  offsetAt(instant: Date): number {
    const t = instant.getTime();
    const hour = Math.floor(t / HOUR);
    let known = TimeZone.offsets.get(this.id);
    if (!known) TimeZone.offsets.set(this.id, (known = new Map<number, number>()));
    const remembered = known.get(hour);
    if (remembered !== undefined) return remembered;
    const start = this.measuredOffset(hour * HOUR);
    const end = this.measuredOffset(hour * HOUR + HOUR - 1);
    if (start !== end) return this.measuredOffset(t);
    if (known.size >= REMEMBERED_HOURS) known.clear();
    known.set(hour, start);
    return start;
  }

  /**
   * The instant at which this zone's clocks show `time` on `date`. A time skipped by a spring-forward change
   * resolves to the same number of minutes after the change; a repeated time resolves to its first occurrence.
   */
  instantAt(date: LocalDate, time: LocalTime): Date {
    const wall = Date.UTC(date.year, date.month - 1, date.day) + time.minutes * 60_000;
    const first = wall - this.offsetAt(new Date(wall));
    const second = wall - this.offsetAt(new Date(first));
    const earlier = Math.min(first, second);
    // A repeated time: the earlier reading is right. A skipped one: neither reads back, and the later instant
    // (read with the offset before the change) is the same minutes after the change.
    return new Date(this.offsetAt(new Date(earlier)) === wall - earlier ? earlier : Math.max(first, second));
  }

  /** The first instant of `date` in this zone. */
  startOf(date: LocalDate): Date {
    return this.instantAt(date, LocalTime.ofMinutes(0));
  }

  /** The offset as `Intl` formats the instant: its wall-clock reading minus the instant. */
  private measuredOffset(t: number): number {
    const parts = Object.fromEntries(TimeZone.formatter(this.id).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    const field = (name: string): number => Number(parts[name] ?? '0');
    const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
    return wall - (t - ((t % 1000) + 1000) % 1000);
  }

  private static formatter(id: string): Intl.DateTimeFormat {
    let formatter = TimeZone.formatters.get(id);
    if (!formatter) {
      try {
        formatter = new Intl.DateTimeFormat('en-US', {
          timeZone: id,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        });
      } catch (cause) {
        throw new CalendarError('INVALID_TIME_ZONE', `unknown time zone "${id}": ${String(cause)}`, { timeZone: id });
      }
      TimeZone.formatters.set(id, formatter);
    }
    return formatter;
  }
}
