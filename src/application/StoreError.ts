import { ShelfmarkError, type ErrorDetails } from '../domain/shared/ShelfmarkError.js';

export const STORE_ERROR_CODES = [
  'CONCURRENT_MODIFICATION',
  'CONFLICT_RETRIES_EXHAUSTED',
  'STORE_UNAVAILABLE',
] as const;

export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** Errors of persistence: lost races and an unreachable database. */
export class StoreError extends ShelfmarkError<StoreErrorCode> {
  readonly area = 'store';
  constructor(code: StoreErrorCode, message: string, details: ErrorDetails = {}, options?: ErrorOptions) {
    super(code, message, details, options);
  }
  static is(value: unknown): value is StoreError {
    return value instanceof StoreError;
  }
  static isConflict(value: unknown): boolean {
    return value instanceof StoreError && value.code === 'CONCURRENT_MODIFICATION';
  }
}
