import { ShelfmarkError, type ErrorDetails } from '../../domain/shared/ShelfmarkError.js';

export const MARC_ERROR_CODES = [
  'BAD_LEADER',
  'BAD_DIRECTORY',
  'TRUNCATED_RECORD',
  'INVALID_UTF8',
  'UNSUPPORTED_ENCODING',
  'MALFORMED_XML',
  'UNMAPPABLE_RECORD',
] as const;
export type MarcErrorCode = (typeof MARC_ERROR_CODES)[number];

/** Why a MARC record could not be read or catalogued: an import reports it with the record's position and goes on. */
export class MarcError extends ShelfmarkError<MarcErrorCode> {
  readonly area = 'marc';
  constructor(code: MarcErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is MarcError {
    return value instanceof MarcError;
  }
}
