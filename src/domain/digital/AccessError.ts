import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export const ACCESS_ERROR_CODES = [
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'TOKEN_INVALID_SIGNATURE',
  'TOKEN_ALGORITHM_NOT_ALLOWED',
  'TOKEN_UNKNOWN_KEY',
  'TOKEN_MALFORMED',
  'LINK_EXPIRED',
  'LINK_INVALID',
] as const;

export type AccessErrorCode = (typeof ACCESS_ERROR_CODES)[number];

/**
 * Refusals of access to content: a loan token or a download link that must not open the book.
 * Readers and file servers map every code to "no access"; the code says why, for logs and support.
 */
export class AccessError extends ShelfmarkError<AccessErrorCode> {
  readonly area = 'access';
  constructor(code: AccessErrorCode, message: string, details: ErrorDetails = {}, options?: ErrorOptions) {
    super(code, message, details, options);
  }
  static is(value: unknown): value is AccessError {
    return value instanceof AccessError;
  }
}
