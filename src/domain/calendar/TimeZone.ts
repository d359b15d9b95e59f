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

/**
 * An IANA time zone read through the built-in `Intl` data: converts instants to wall-clock dates and times
 * and back, across daylight-saving changes. Never reads the machine's own zone.
 */
export class TimeZone {
  private static readonly formatters = new Map<string, Intl.DateTimeFormat>();

  private constructor(readonly id: string) {}

  static of(id: string): TimeZone {
    TimeZone.formatter(id);
    return new TimeZone(id);
  }

  /** The wall-clock date and time of `instant` in this zone. */
  wallClock(instant: Date): { readonly date: LocalDate; readonly minutes: number; readonly seconds: number } {
    const parts = Object.fromEntries(TimeZone.formatter(this.id).formatToParts(instant).map((p) => [p.type, p.value]));
    const field = (name: string): number => Number(parts[name] ?? '0');
    return {
      date: LocalDate.of(field('year'), field('month'), field('day')),
      minutes: field('hour') * 60 + field('minute'),
      seconds: field('second') + (instant.getTime() % 1000 + 1000) % 1000 / 1000,
    };
  }

  dateOf(instant: Date): LocalDate {
    return this.wallClock(instant).date;
  }

  /** UTC offset of this zone at `instant`, in milliseconds. */
  offsetAt(instant: Date): number {
    const { date, minutes, seconds } = this.wallClock(instant);
    const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000 + Math.round(seconds * 1000);
    return wall - instant.getTime();
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
    return new Date(this.offsetAt(new Date(earlier)) === wall - earlier ? earlier : second);
  }

  /** The first instant of `date` in this zone. */
  startOf(date: LocalDate): Date {
    return this.instantAt(date, LocalTime.ofMinutes(0));
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
