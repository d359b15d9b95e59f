import { MS_PER_DAY, MS_PER_HOUR, type Clock } from '../../domain/shared/Clock.js';

/** A clock that moves only when told: for tests, demos and the desk's integer days. */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new RangeError('FixedClock needs a valid start instant');
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    const t = new Date(instant).getTime();
    if (Number.isNaN(t)) throw new RangeError('FixedClock.set needs a valid instant');
    this.current = t;
  }

  advanceDays(days: number): void {
    this.current += days * MS_PER_DAY;
  }

  advanceHours(hours: number): void {
    this.current += hours * MS_PER_HOUR;
  }
}
