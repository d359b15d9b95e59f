import { ShelfmarkError, type ErrorDetails } from '../../domain/shared/ShelfmarkError.js';

/**
 * Who is calling: credentials that do not prove it. A card waiting out its PIN back-off is refused as UNAUTHENTICATED
 * too, so a refusal never tells a card that exists from one that does not. Any driving adapter (HTTP, kiosks) throws these.
 */
export const AUTH_ERROR_CODES = ['UNAUTHENTICATED'] as const;

export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export class AuthError extends ShelfmarkError<AuthErrorCode> {
  readonly area = 'auth';
  constructor(code: AuthErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is AuthError {
    return value instanceof AuthError;
  }
}
