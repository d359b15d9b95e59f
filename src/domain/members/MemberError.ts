import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export const MEMBER_ERROR_CODES = [
  'MEMBER_NOT_FOUND',
  'MEMBER_ALREADY_EXISTS',
  'MEMBER_BLOCKED',
  'MEMBER_NOT_BLOCKED',
  'MEMBER_HAS_ACTIVE_LOANS',
  'MEMBER_HAS_ACTIVE_RESERVATIONS',
  'BLOCK_NOT_FOUND',
  'CARD_EXPIRED',
  'EMAIL_ALREADY_REGISTERED',
] as const;

export type MemberErrorCode = (typeof MEMBER_ERROR_CODES)[number];

export class MemberError extends ShelfmarkError<MemberErrorCode> {
  readonly area = 'members';
  constructor(code: MemberErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is MemberError {
    return value instanceof MemberError;
  }
}

/** The one home of EMAIL_ALREADY_REGISTERED: a member's email address is theirs alone. */
export function emailTaken(email: string, memberId: string): MemberError {
  return new MemberError('EMAIL_ALREADY_REGISTERED', `the email address ${email} is already registered to another member`, { email, memberId });
}
