/** The only source of "now" for every rule. Production binds a system clock; tests a fixed or advancing one. */
export interface Clock {
  now(): Date;
}

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * MS_PER_DAY);
}

export function addHours(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * MS_PER_HOUR);
}

/**
 * Days late (days overdue): whole days by which `returned` (or "now") is past the due instant; a started day counts
 * as a day, so one minute late is one day. Never negative. The one day count of the engine: fines (through the rule's
 * late-day counting), renewal limits, overdue notices and lost-item aging all call it.
 */
export function daysLate(due: Date, returned: Date): number {
  const ms = returned.getTime() - due.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / MS_PER_DAY);
}
