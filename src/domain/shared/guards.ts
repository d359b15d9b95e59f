import { ValidationError } from './ShelfmarkError.js';

/**
 * The characters no text may carry: the C0 controls but tab, line feed and carriage return (text may break lines),
 * DEL and the C1 controls. A NUL cannot be stored by PostgreSQL at all, and the others corrupt terminals, logs and
 * printed slips. Ids refuse tab and line breaks too (no white space at all).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The first control character a string carries, as `U+0000`, or null when it carries none. */
export function controlCharacterIn(value: string): string | null {
  const found = CONTROL_CHARACTER.exec(value)?.[0];
  return found === undefined ? null : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Refuses a string carrying a control character (see CONTROL_CHARACTER); answers it unchanged otherwise. */
export function requireNoControlCharacters(value: string, field: string): string {
  const found = controlCharacterIn(value);
  if (found !== null) throw new ValidationError(`${field} must not contain control characters (found ${found})`, { field, character: found });
  return value;
}

/** Boundary checks shared by value objects and commands. Each throws ValidationError and changes nothing. */
export function requireText(value: unknown, field: string, maxLength = 500): string {
  if (typeof value !== 'string') throw new ValidationError(`${field} must be a string`, { field });
  requireNoControlCharacters(value, field);
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

/** An instant given as a Date or as text (ISO-8601); refuses anything that names no instant. */
export function requireInstantLike(value: unknown, field: string): Date {
  const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new ValidationError(`${field} must be a valid instant (a Date or ISO-8601 text)`, { field, value: typeof value === 'string' ? value.slice(0, 40) : typeof value });
  return new Date(time);
}

export function requireFiniteNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValidationError(`${field} must be a finite number`, { field, value: String(value) });
  return value;
}

export function requirePositiveNumber(value: unknown, field: string): number {
  const n = requireFiniteNumber(value, field);
  if (n <= 0) throw new ValidationError(`${field} must be greater than zero`, { field, value: n });
  return n;
}
