import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export const POLICY_ERROR_CODES = [
  'INVALID_POLICY',
  'UNKNOWN_PRESET',
] as const;

export type PolicyErrorCode = (typeof POLICY_ERROR_CODES)[number];

export class PolicyError extends ShelfmarkError<PolicyErrorCode> {
  readonly area = 'policy';
  constructor(code: PolicyErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is PolicyError {
    return value instanceof PolicyError;
  }
}
