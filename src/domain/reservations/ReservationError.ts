import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export const RESERVATION_ERROR_CODES = [
  'RESERVATION_NOT_FOUND',
  'ALREADY_RESERVED',
  'RESERVATION_LIMIT_REACHED',
  'NOTHING_TO_RESERVE',
  'NOT_YOUR_RESERVATION',
] as const;

export type ReservationErrorCode = (typeof RESERVATION_ERROR_CODES)[number];

export class ReservationError extends ShelfmarkError<ReservationErrorCode> {
  readonly area = 'reservations';
  constructor(code: ReservationErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is ReservationError {
    return value instanceof ReservationError;
  }
}
