import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export type FineErrorCode = 'FINE_NOT_FOUND' | 'INVALID_AMOUNT' | 'AMOUNT_EXCEEDS_BALANCE' | 'CURRENCY_MISMATCH' | 'FINE_NOT_OPEN';

export class FineError extends ShelfmarkError<FineErrorCode> {
  readonly area = 'fines';
  constructor(code: FineErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is FineError {
    return value instanceof FineError;
  }
}
