import { ValidationError } from './ShelfmarkError.js';

/** Boundary checks shared by value objects and commands. Each throws ValidationError and changes nothing. */
export function requireText(value: unknown, field: string, maxLength = 500): string {
  if (typeof value !== 'string') throw new ValidationError(`${field} must be a string`, { field });
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new ValidationError(`${field} must not be empty`, { field });
  if (trimmed.length > maxLength) throw new ValidationError(`${field} is longer than ${maxLength} characters`, { field });
  return trimmed;
}

export function requireId(value: unknown, field: string): string {
  const id = requireText(value, field, 200);
  if (/\s/.test(id)) throw new ValidationError(`${field} must not contain white space`, { field, value: id });
  return id;
}

export function requireNonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(`${field} must be a non-negative whole number`, { field, value: String(value) });
  }
  return value;
}

export function requirePositiveInteger(value: unknown, field: string): number {
  const n = requireNonNegativeInteger(value, field);
  if (n === 0) throw new ValidationError(`${field} must be greater than zero`, { field });
  return n;
}

export function requireInstant(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new ValidationError(`${field} must be a valid date`, { field });
  }
  return new Date(value.getTime());
}
