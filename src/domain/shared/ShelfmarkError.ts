/**
 * Base of every error the engine throws on purpose. Each area (catalog, members, lending,
 * reservations, fines, policy, store) has its own subclass with a closed set of stable codes
 * that applications map to HTTP statuses or CLI exit codes.
 */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export abstract class ShelfmarkError<Code extends string = string> extends Error {
  abstract readonly area: string;
  readonly code: Code;
  readonly details: ErrorDetails;

  protected constructor(code: Code, message: string, details: ErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.details = details;
    this.name = new.target.name;
  }

  static isShelfmarkError(value: unknown): value is ShelfmarkError {
    return value instanceof ShelfmarkError;
  }

  toJSON(): { area: string; code: string; message: string; details: ErrorDetails } {
    return { area: this.area, code: this.code, message: this.message, details: this.details };
  }
}

/** Thrown when a value object or a command receives input that can never be valid. */
export const VALIDATION_ERROR_CODES = ['INVALID_INPUT'] as const;
export type ValidationErrorCode = (typeof VALIDATION_ERROR_CODES)[number];

export class ValidationError extends ShelfmarkError<ValidationErrorCode> {
  readonly area = 'validation';
  constructor(message: string, details: ErrorDetails = {}, options?: ErrorOptions) {
    super('INVALID_INPUT', message, details, options);
  }
  static is(value: unknown): value is ValidationError {
    return value instanceof ValidationError;
  }
}
