import { ShelfmarkError, type ErrorDetails } from '../../domain/shared/ShelfmarkError.js';

/** Refusals decided by the SIP2 edge itself: what arrived on the wire, and what the kiosk's account may do. */
export const SIP2_ERROR_CODES = [
  'MALFORMED_MESSAGE',
  'CHECKSUM_MISMATCH',
  'MESSAGE_TOO_LARGE',
  'UNKNOWN_COMMAND',
  'NOT_SIGNED_IN',
  'MESSAGE_NOT_ALLOWED',
  'PATRON_NOT_VERIFIED',
  'CURRENCY_MISMATCH',
] as const;

export type Sip2ErrorCode = (typeof SIP2_ERROR_CODES)[number];

export class Sip2Error extends ShelfmarkError<Sip2ErrorCode> {
  readonly area = 'sip2';
  constructor(code: Sip2ErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is Sip2Error {
    return value instanceof Sip2Error;
  }
}
