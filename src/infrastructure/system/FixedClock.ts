import { MS_PER_DAY, MS_PER_HOUR, type Clock } from '../../domain/shared/Clock.js';
import { requireFiniteNumber, requireInstantLike } from '../../domain/shared/guards.js';

/** A clock that moves only when told: for tests, demos and the desk's integer days. */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = requireInstantLike(start, 'start').getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = requireInstantLike(instant, 'instant').getTime();
  }

  advanceDays(days: number): void {
    this.current += requireFiniteNumber(days, 'days') * MS_PER_DAY;
  }

  advanceHours(hours: number): void {
    this.current += requireFiniteNumber(hours, 'hours') * MS_PER_HOUR;
  }
}
