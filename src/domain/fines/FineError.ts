import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export const FINE_ERROR_CODES = [
  'FINE_NOT_FOUND',
  'INVALID_AMOUNT',
  'AMOUNT_EXCEEDS_BALANCE',
  'CURRENCY_MISMATCH',
  'FINE_NOT_OPEN',
] as const;

export type FineErrorCode = (typeof FINE_ERROR_CODES)[number];

export class FineError extends ShelfmarkError<FineErrorCode> {
  readonly area = 'fines';
  constructor(code: FineErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is FineError {
    return value instanceof FineError;
  }
}
