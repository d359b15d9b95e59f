import { CalendarError } from './CalendarError.js';

export const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MS_PER_DAY = 86_400_000;

/** A day on a wall calendar, with no time and no zone: `2026-12-25`. Arithmetic is done on UTC midnights, so it never depends on the machine. */
export class LocalDate {
  private constructor(private readonly epochDay: number) {}

  static parse(text: string): LocalDate {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    const date = m ? LocalDate.of(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    if (date?.toString() !== text) throw new CalendarError('INVALID_DATE', `"${text}" is not a date of the form YYYY-MM-DD`, { value: text });
    return date;
  }

  static of(year: number, month: number, day: number): LocalDate {
    return new LocalDate(Date.UTC(year, month - 1, day) / MS_PER_DAY);
  }

  get weekday(): Weekday {
    return WEEKDAYS[new Date(this.epochDay * MS_PER_DAY).getUTCDay()] ?? 'SUN';
  }
  get year(): number {
    return new Date(this.epochDay * MS_PER_DAY).getUTCFullYear();
  }
  get month(): number {
    return new Date(this.epochDay * MS_PER_DAY).getUTCMonth() + 1;
  }
  get day(): number {
    return new Date(this.epochDay * MS_PER_DAY).getUTCDate();
  }

  plusDays(days: number): LocalDate {
    return new LocalDate(this.epochDay + days);
  }

  /** Whole days from this date to `other` (negative when `other` is earlier). */
  daysUntil(other: LocalDate): number {
    return other.epochDay - this.epochDay;
  }

  isBefore(other: LocalDate): boolean {
    return this.epochDay < other.epochDay;
  }
  isAfter(other: LocalDate): boolean {
    return this.epochDay > other.epochDay;
  }
  equals(other: LocalDate): boolean {
    return this.epochDay === other.epochDay;
  }

  toString(): string {
    return new Date(this.epochDay * MS_PER_DAY).toISOString().slice(0, 10);
  }
}
