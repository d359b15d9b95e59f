import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export const CALENDAR_ERROR_CODES = ['INVALID_DATE', 'INVALID_TIME', 'INVALID_TIME_ZONE', 'INVALID_CALENDAR', 'NO_OPEN_DAY'] as const;

export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

/** Errors of branch calendars: bad dates, times or zones, and calendars with no open day. */
export class CalendarError extends ShelfmarkError<CalendarErrorCode> {
  readonly area = 'calendar';
  constructor(code: CalendarErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is CalendarError {
    return value instanceof CalendarError;
  }
}
