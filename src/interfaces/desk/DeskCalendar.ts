import { MS_PER_DAY } from '../../domain/shared/Clock.js';
import type { FixedClock } from '../../infrastructure/system/FixedClock.js';

/**
 * The desk counts time in integer days; the engine reads instants from its clock. Day `d` is
 * midnight UTC of the Unix epoch plus `d` days, so the engine's loan periods and late days are the
 * desk's days exactly.
 *
 * A JS Date ends 100,000,000 days after the epoch, but the desk allows days up to 1,000,000,000.
 * The clock therefore follows the desk's days exactly through LAST_EXACT_DAY (leaving room for due
 * dates) and stays there for later days; the desk keeps each loan's borrow day itself and prices
 * lateness in whole days, so its answers are exact across the desk's whole range.
 */
export class DeskCalendar {
  static readonly FIRST_DAY = 0;
  /** The desk's days: 0 <= requestDay, returnDay <= 1,000,000,000. */
  static readonly LAST_DAY = 1_000_000_000;
  /** The last day the clock can show while a loan's due date still fits in a Date. */
  static readonly LAST_EXACT_DAY = 100_000_000 - 1_000;

  constructor(private readonly clock: FixedClock) {}

  isValidDay(day: unknown): day is number {
    return typeof day === 'number' && Number.isSafeInteger(day) && day >= DeskCalendar.FIRST_DAY && day <= DeskCalendar.LAST_DAY;
  }

  /** True when the clock shows `day` itself, so the engine's late days are the desk's. */
  static isExact(day: number): boolean {
    return day <= DeskCalendar.LAST_EXACT_DAY;
  }

  /** Moves the engine's clock to `day` (or to the last day it can show). */
  turnTo(day: number): void {
    this.clock.set(DeskCalendar.instantOf(day));
  }

  static instantOf(day: number): Date {
    return new Date(Math.min(day, DeskCalendar.LAST_EXACT_DAY) * MS_PER_DAY);
  }

  /** The day an instant on the desk's clock belongs to. */
  static dayOf(instant: Date | string): number {
    return Math.floor(new Date(instant).getTime() / MS_PER_DAY);
  }
}
