import { ShelfmarkError, type ErrorDetails } from '../../../domain/shared/ShelfmarkError.js';

/** Refusals decided by the HTTP edge itself: what the caller may do, how often, and with which idempotency key. */
export const HTTP_ERROR_CODES = [
  'FORBIDDEN',
  'RATE_LIMITED',
  'IDEMPOTENCY_KEY_REUSED',
  'ROUTE_NOT_FOUND',
  'STAFF_TOKEN_NOT_FOUND',
] as const;

export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

export class HttpError extends ShelfmarkError<HttpErrorCode> {
  readonly area = 'http';
  constructor(code: HttpErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is HttpError {
    return value instanceof HttpError;
  }
}
