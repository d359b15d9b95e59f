import { ShelfmarkError } from '../../../domain/shared/ShelfmarkError.js';
import type { ErrorCode as EngineErrorCode } from '../../../errors.js';
import type { HttpErrorCode } from './HttpError.js';

/** Every stable code the engine and this edge can throw. */
export type ErrorCode = EngineErrorCode | HttpErrorCode;

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 503;

/**
 * The one place where error codes become HTTP statuses. Typed as a total record: a code added to
 * any area's union fails the type-check until it is given a status here.
 *   400 the input can never be valid · 404 it does not exist · 409 it conflicts with current state
 *   (someone else got there first, illegal transition, duplicate) · 422 a lending rule refuses it.
 */
export const ERROR_STATUS = {
  // Input that can never be valid
  INVALID_INPUT: 400,
  INVALID_ISBN: 400,
  INVALID_IDENTIFIER: 400,
  INVALID_RECORD_ID: 400,
  // A catalogue file that cannot be read (the importer reports these per record)
  BAD_LEADER: 400,
  BAD_DIRECTORY: 400,
  TRUNCATED_RECORD: 400,
  INVALID_UTF8: 400,
  UNSUPPORTED_ENCODING: 400,
  MALFORMED_XML: 400,
  UNMAPPABLE_RECORD: 400,
  INVALID_AMOUNT: 400,
  CURRENCY_MISMATCH: 400,

  // Unknown things
  BOOK_NOT_FOUND: 404,
  COPY_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  LOAN_NOT_FOUND: 404,
  RESERVATION_NOT_FOUND: 404,
  FINE_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  STAFF_TOKEN_NOT_FOUND: 404,

  // Conflicts with the current state: lost races, illegal transitions, duplicates
  COPY_NOT_AVAILABLE: 409,
  NOTHING_TO_RECALL: 409,
  CLAIM_NOT_OPEN: 409,
  NOT_LOST_ON_LOAN: 409,
  BLOCK_NOT_FOUND: 404,
  OVERDUE_LIMIT_REACHED: 422,
  LOST_LIMIT_REACHED: 422,
  RENEWAL_TOO_EARLY: 422,
  RENEWAL_OF_RECALLED_LOAN: 422,
  RENEWAL_OF_CLAIMED_LOAN: 422,
  AUTO_RENEWAL_LIMIT_REACHED: 422,
  RECALL_NOT_ALLOWED: 422,
  DIGITAL_COPY_NOT_FOUND: 404,
  DIGITAL_COPY_ALREADY_EXISTS: 409,
  NO_LICENSE_AVAILABLE: 409,
  LICENSE_TERMS_ENDED: 422,
  NO_LICENSE_OFFERED: 409,
  DIGITAL_LOAN_NOT_FOUND: 404,
  NOT_YOUR_LOAN: 403,
  DIGITAL_LOAN_LIMIT_REACHED: 422,
  LOAN_PAST_DUE: 422,
  TOKEN_EXPIRED: 403,
  TOKEN_REVOKED: 403,
  TOKEN_INVALID_SIGNATURE: 403,
  TOKEN_ALGORITHM_NOT_ALLOWED: 403,
  TOKEN_UNKNOWN_KEY: 403,
  TOKEN_MALFORMED: 403,
  LINK_EXPIRED: 403,
  LINK_INVALID: 403,
  INVALID_DATE: 400,
  INVALID_QUERY: 400,
  INVALID_DOCUMENT: 400,
  INVALID_AVAILABILITY: 400,
  INVALID_TIME: 400,
  INVALID_TIME_ZONE: 400,
  INVALID_CALENDAR: 400,
  NO_OPEN_DAY: 422,
  NO_COPY_ON_SHELF: 409,
  COPY_HELD_FOR_ANOTHER_MEMBER: 409,
  ILLEGAL_TRANSITION: 409,
  CONCURRENT_MODIFICATION: 409,
  CONFLICT_RETRIES_EXHAUSTED: 409,
  BOOK_ALREADY_EXISTS: 409,
  COPY_ALREADY_EXISTS: 409,
  MEMBER_ALREADY_EXISTS: 409,
  EMAIL_ALREADY_REGISTERED: 409,
  ALREADY_RESERVED: 409,
  BOOK_HAS_COPIES: 409,
  BOOK_HAS_RESERVATIONS: 409,
  COPY_IN_USE: 409,
  LOAN_ALREADY_CLOSED: 409,
  LOAN_NOT_ON_COPY: 409,
  WRONG_BRANCH: 409,
  BRANCH_NOT_FOUND: 404,
  BRANCH_ALREADY_EXISTS: 409,
  MEMBER_NOT_BLOCKED: 409,
  MEMBER_HAS_ACTIVE_LOANS: 409,
  MEMBER_HAS_ACTIVE_RESERVATIONS: 409,
  FINE_NOT_OPEN: 409,

  // A lending rule refuses
  LOAN_LIMIT_REACHED: 422,
  FINES_OVER_THRESHOLD: 422,
  RENEWAL_LIMIT_REACHED: 422,
  RENEWAL_BLOCKED_BY_RESERVATIONS: 422,
  RENEWAL_TOO_OVERDUE: 422,
  MEMBER_BLOCKED: 422,
  CARD_EXPIRED: 422,
  REFERENCE_ONLY: 422,
  ALREADY_BORROWED_TITLE: 422,
  RESERVATION_LIMIT_REACHED: 422,
  NOTHING_TO_RESERVE: 422,
  AMOUNT_EXCEEDS_BALANCE: 422,
  IDEMPOTENCY_KEY_REUSED: 422,

  // Who is calling
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_YOUR_RESERVATION: 403,
  RATE_LIMITED: 429,

  // The server's own configuration or storage
  INVALID_POLICY: 500,
  UNKNOWN_PRESET: 500,
  STORE_UNAVAILABLE: 503,

  // Start-up configuration: never raised by a request, a server fault if one ever is
  CONFIG_UNREADABLE: 500,
  CONFIG_INVALID: 500,
  SECRET_UNAVAILABLE: 500,
  STORE_UNREACHABLE: 503,
  SMTP_UNVERIFIED: 500,
} as const satisfies Record<ErrorCode, ErrorStatus>;

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
}

export interface ErrorOutcome {
  readonly status: number;
  readonly body: ErrorBody;
}

function isKnownCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/** The status and `{ code, message }` body for an error the engine threw on purpose; null for anything else. */
export function outcomeOf(error: unknown): ErrorOutcome | null {
  if (!ShelfmarkError.isShelfmarkError(error)) return null;
  const status = isKnownCode(error.code) ? ERROR_STATUS[error.code] : 500;
  return { status, body: { code: error.code, message: error.message } };
}
