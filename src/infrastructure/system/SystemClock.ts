import type { Clock } from '../../domain/shared/Clock.js';

/** The wall clock, for production. Rules never call Date.now() themselves. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
