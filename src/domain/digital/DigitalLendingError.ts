import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export const DIGITAL_LENDING_ERROR_CODES = [
  'DIGITAL_COPY_NOT_FOUND',
  'DIGITAL_COPY_ALREADY_EXISTS',
  'NO_LICENSE_AVAILABLE',
  'LICENSE_TERMS_ENDED',
  'NO_LICENSE_OFFERED',
  'DIGITAL_LOAN_NOT_FOUND',
  'NOT_YOUR_LOAN',
  'DIGITAL_LOAN_LIMIT_REACHED',
  'ALREADY_BORROWED_TITLE',
  'RENEWAL_LIMIT_REACHED',
  'RENEWAL_BLOCKED_BY_RESERVATIONS',
  'LOAN_PAST_DUE',
] as const;

export type DigitalLendingErrorCode = (typeof DIGITAL_LENDING_ERROR_CODES)[number];

/** Errors of digital lending: license pools, e-loans and their renewals. */
export class DigitalLendingError extends ShelfmarkError<DigitalLendingErrorCode> {
  readonly area = 'digital';
  constructor(code: DigitalLendingErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is DigitalLendingError {
    return value instanceof DigitalLendingError;
  }
}
