import { SEARCH_FORMATS, type SearchQuery } from '../../application/ports/SearchIndex.js';
import { SearchError } from './SearchError.js';

export const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
const MAX_OFFSET = 100_000;

/** Rejects a query outside the engine's limits with INVALID_QUERY, before anything is computed. */
export function validateQuery(q: SearchQuery): void {
  const fail = (message: string): never => {
    throw new SearchError('INVALID_QUERY', message);
  };
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 0 || q.limit > MAX_LIMIT)) {
    fail(`limit must be an integer between 0 and ${MAX_LIMIT}`);
  }
  if (q.offset !== undefined && (!Number.isInteger(q.offset) || q.offset < 0 || q.offset > MAX_OFFSET)) {
    fail(`offset must be an integer between 0 and ${MAX_OFFSET}`);
  }
  for (const [name, year] of [['yearFrom', q.yearFrom], ['yearTo', q.yearTo]] as const) {
    if (year !== undefined && (!Number.isInteger(year) || year < -9999 || year > 9999)) fail(`${name} must be an integer year`);
  }
  if (q.yearFrom !== undefined && q.yearTo !== undefined && q.yearFrom > q.yearTo) fail('yearFrom must not be after yearTo');
  if (q.text !== undefined && q.text.length > 1000) fail('text must be at most 1000 characters');
  if (q.format !== undefined && !SEARCH_FORMATS.includes(q.format)) fail(`format must be one of ${SEARCH_FORMATS.join(', ')}`);
}
