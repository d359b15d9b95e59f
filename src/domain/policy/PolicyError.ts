import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export type PolicyErrorCode = 'INVALID_POLICY' | 'UNKNOWN_PRESET';

export class PolicyError extends ShelfmarkError<PolicyErrorCode> {
  readonly area = 'policy';
  constructor(code: PolicyErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is PolicyError {
    return value instanceof PolicyError;
  }
}
