import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export type CalendarErrorCode = 'INVALID_DATE' | 'INVALID_TIME' | 'INVALID_TIME_ZONE' | 'INVALID_CALENDAR' | 'NO_OPEN_DAY';

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
