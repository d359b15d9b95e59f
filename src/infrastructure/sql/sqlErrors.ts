import { StoreError } from '../../application/StoreError.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';

/** SQLSTATEs that mean "another transaction won": the unit of work re-runs the use case. */
const LOST_RACE: Readonly<Record<string, string>> = {
  '40001': 'serialization failure',
  '40P01': 'deadlock detected',
  '23505': 'unique violation',
  '23503': 'foreign key violation',
};

/**
 * SQLSTATE class 22, data exceptions: the database refused a value itself (a NUL byte, text too long, a malformed
 * number or date). The boundary checks should have refused it first; if one slips through it is still bad input
 * (400 INVALID_INPUT), never a server failure. The database's own message stays in the cause, not the answer.
 */
const DATA_EXCEPTIONS: Readonly<Record<string, string>> = {
  '22021': 'a text carries a character the database cannot store',
  '22P05': 'a text carries a character the database cannot store',
  '22P02': 'a value is not in the form the database expects',
  '22001': 'a text is longer than the database column allows',
  '22003': 'a number is out of the range the database allows',
  '22007': 'a date or time is malformed',
  '22008': 'a date or time is out of range',
  '22012': 'a value divides by zero',
};
const DATA_EXCEPTION_CLASS = '22';

/** SQLSTATE classes and socket errors that mean the database cannot be reached. */
const UNAVAILABLE_CLASSES = ['08', '53', '57'];
const UNAVAILABLE_SOCKET = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'];

function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

function fieldOf(error: unknown, field: string): string | null {
  if (typeof error !== 'object' || error === null || !(field in error)) return null;
  const value = (error as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}

/** Translates a driver error into the store's vocabulary; anything else (a bug, a domain error) passes through. */
export function translateSqlError(error: unknown): unknown {
  if (StoreError.is(error)) return error;
  const code = codeOf(error);
  if (code === null) return error;
  const race = LOST_RACE[code];
  if (race !== undefined) {
    return new StoreError(
      'CONCURRENT_MODIFICATION',
      `lost a race in the database (${race})`,
      { sqlState: code, constraint: fieldOf(error, 'constraint'), database: fieldOf(error, 'message') },
      { cause: error },
    );
  }
  if (code.startsWith(DATA_EXCEPTION_CLASS) && code.length === 5) {
    const why = DATA_EXCEPTIONS[code] ?? 'a value the database cannot store';
    return new ValidationError(`the database refused the input: ${why}`, { sqlState: code }, { cause: error });
  }
  if (UNAVAILABLE_SOCKET.includes(code) || UNAVAILABLE_CLASSES.includes(code.slice(0, 2))) {
    return new StoreError('STORE_UNAVAILABLE', 'the database is unavailable', { sqlState: code }, { cause: error });
  }
  return error;
}
