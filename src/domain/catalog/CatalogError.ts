import { ShelfmarkError, type ErrorDetails } from '../shared/ShelfmarkError.js';

export const CATALOG_ERROR_CODES = [
  'INVALID_ISBN',
  'INVALID_IDENTIFIER',
  'INVALID_RECORD_ID',
  'BOOK_NOT_FOUND',
  'BOOK_ALREADY_EXISTS',
  'BOOK_HAS_COPIES',
  'BOOK_HAS_RESERVATIONS',
  'COPY_NOT_FOUND',
  'COPY_ALREADY_EXISTS',
  'COPY_IN_USE',
  'BRANCH_NOT_FOUND',
  'BRANCH_ALREADY_EXISTS',
] as const;

export type CatalogErrorCode = (typeof CATALOG_ERROR_CODES)[number];

export class CatalogError extends ShelfmarkError<CatalogErrorCode> {
  readonly area = 'catalog';
  constructor(code: CatalogErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
  static is(value: unknown): value is CatalogError {
    return value instanceof CatalogError;
  }
}
