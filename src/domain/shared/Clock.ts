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

/** Whole days by which `later` is past `earlier`; a started day counts as a day. Never negative. */
export function daysLate(due: Date, returned: Date): number {
  const ms = returned.getTime() - due.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / MS_PER_DAY);
}
