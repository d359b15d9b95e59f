/** Stable machine-readable kinds of search failures. */
export type SearchErrorCode = 'INVALID_QUERY' | 'INVALID_DOCUMENT' | 'INVALID_AVAILABILITY';

/** The one error type thrown by the search engine for bad input. */
export class SearchError extends Error {
  readonly code: SearchErrorCode;

  constructor(code: SearchErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SearchError';
    this.code = code;
  }

  static is(value: unknown): value is SearchError {
    return value instanceof SearchError;
  }
}
