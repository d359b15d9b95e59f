import { ShelfmarkError, type ErrorDetails } from '../../domain/shared/ShelfmarkError.js';

/** Stable machine-readable kinds of search failures. */
export const SEARCH_ERROR_CODES = ['INVALID_QUERY', 'INVALID_DOCUMENT', 'INVALID_AVAILABILITY'] as const;

export type SearchErrorCode = (typeof SEARCH_ERROR_CODES)[number];

/** The one error type thrown by the search engine for bad input. */
export class SearchError extends ShelfmarkError<SearchErrorCode> {
  readonly area = 'search';

  constructor(code: SearchErrorCode, message: string, options?: ErrorOptions, details: ErrorDetails = {}) {
    super(code, message, details, options);
  }

  static is(value: unknown): value is SearchError {
    return value instanceof SearchError;
  }
}
