import { StoreError } from '../../application/StoreError.js';

/** SQLSTATEs that mean "another transaction won": the unit of work re-runs the use case. */
const LOST_RACE: Readonly<Record<string, string>> = {
  '40001': 'serialization failure',
  '40P01': 'deadlock detected',
  '23505': 'unique violation',
  '23503': 'foreign key violation',
};

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
  if (UNAVAILABLE_SOCKET.includes(code) || UNAVAILABLE_CLASSES.includes(code.slice(0, 2))) {
    return new StoreError('STORE_UNAVAILABLE', 'the database is unavailable', { sqlState: code }, { cause: error });
  }
  return error;
}
