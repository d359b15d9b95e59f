import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export const LENDING_ERROR_CODES = [
  'ILLEGAL_TRANSITION',
  'COPY_NOT_AVAILABLE',
  'COPY_HELD_FOR_ANOTHER_MEMBER',
  'REFERENCE_ONLY',
  'LOAN_NOT_FOUND',
  'LOAN_ALREADY_CLOSED',
  'LOAN_LIMIT_REACHED',
  'FINES_OVER_THRESHOLD',
  'RENEWAL_LIMIT_REACHED',
  'RENEWAL_BLOCKED_BY_RESERVATIONS',
  'RENEWAL_TOO_OVERDUE',
  'ALREADY_BORROWED_TITLE',
  'NO_COPY_ON_SHELF',
  'OVERDUE_LIMIT_REACHED',
  'LOST_LIMIT_REACHED',
  'RENEWAL_TOO_EARLY',
  'RENEWAL_OF_RECALLED_LOAN',
  'RENEWAL_OF_CLAIMED_LOAN',
  'AUTO_RENEWAL_LIMIT_REACHED',
  'NOTHING_TO_RECALL',
  'RECALL_NOT_ALLOWED',
  'CLAIM_NOT_OPEN',
  'NOT_LOST_ON_LOAN',
  'LOAN_NOT_ON_COPY',
  'WRONG_BRANCH',
] as const;

export type LendingErrorCode = (typeof LENDING_ERROR_CODES)[number];

/** Errors of circulation: copies changing hands, loans, renewals. */
export class LendingError extends ShelfmarkError<LendingErrorCode> {
  readonly area = 'lending';
  constructor(code: LendingErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is LendingError {
    return value instanceof LendingError;
  }
}

/** A command that the state machine does not allow from the current state. */
export class IllegalTransitionError extends LendingError {
  constructor(
    readonly entity: string,
    readonly from: string,
    readonly command: string,
  ) {
    super('ILLEGAL_TRANSITION', `${entity} cannot ${command} while ${from}`, { entity, from, command });
  }
}
