import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export type ReservationErrorCode =
  | 'RESERVATION_NOT_FOUND'
  | 'ALREADY_RESERVED'
  | 'RESERVATION_LIMIT_REACHED'
  | 'NOTHING_TO_RESERVE'
  | 'NOT_YOUR_RESERVATION';

export class ReservationError extends ShelfmarkError<ReservationErrorCode> {
  readonly area = 'reservations';
  constructor(code: ReservationErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is ReservationError {
    return value instanceof ReservationError;
  }
}
