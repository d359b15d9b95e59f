import { ShelfmarkError } from '../../domain/shared/ShelfmarkError.js';

/** The desk's answers, one union per method. */
export type AddBookResult = `BOOK_ID,${string}` | 'INVALID_COPIES' | 'INVALID_INPUT';
export type RegisterUserResult = 'SUCCESS' | 'USER_ALREADY_EXISTS' | 'INVALID_INPUT';
export type UnregisterUserResult = 'SUCCESS' | 'USER_NOT_FOUND' | 'USER_HAS_ISSUED_BOOKS' | 'USER_IN_WAITLIST';
export type RequestBorrowResult =
  | 'ISSUED'
  | `WAITLISTED,${number}`
  | 'USER_NOT_FOUND'
  | 'BOOK_NOT_FOUND'
  | 'INVALID_DAY'
  | 'ALREADY_ISSUED_TO_USER'
  | 'ALREADY_WAITLISTED';
export type ReturnBookResult = `RETURNED,${string}` | 'USER_NOT_FOUND' | 'BOOK_NOT_FOUND' | 'NOT_ISSUED_TO_USER' | 'INVALID_DAY';

/** The refusals the engine decides, by the engine's stable error code. */
const REFUSAL_OF_ENGINE_CODE = {
  INVALID_INPUT: 'INVALID_INPUT',
  MEMBER_ALREADY_EXISTS: 'USER_ALREADY_EXISTS',
  MEMBER_NOT_FOUND: 'USER_NOT_FOUND',
  MEMBER_HAS_ACTIVE_LOANS: 'USER_HAS_ISSUED_BOOKS',
  MEMBER_HAS_ACTIVE_RESERVATIONS: 'USER_IN_WAITLIST',
  ALREADY_BORROWED_TITLE: 'ALREADY_ISSUED_TO_USER',
  ALREADY_RESERVED: 'ALREADY_WAITLISTED',
} as const;

export type DeskRefusal = (typeof REFUSAL_OF_ENGINE_CODE)[keyof typeof REFUSAL_OF_ENGINE_CODE];

/**
 * Turns an engine error into the method's desk answer. Anything that is not one of the
 * method's refusals (a bug, a storage failure) is rethrown, never disguised as an answer.
 */
export function refusalFor<R extends DeskRefusal>(error: unknown, allowed: readonly R[]): R {
  if (ShelfmarkError.isShelfmarkError(error)) {
    const refusal = (REFUSAL_OF_ENGINE_CODE as Readonly<Record<string, DeskRefusal | undefined>>)[error.code];
    const match = allowed.find((r) => r === refusal);
    if (match !== undefined) return match;
  }
  throw error;
}

/** True when `error` is the engine's error with this code. */
export function hasCode(error: unknown, code: string): boolean {
  return ShelfmarkError.isShelfmarkError(error) && error.code === code;
}
