import { IN_CIRCULATION_STATUSES, ON_SHELF_STATUS, UNACCOUNTED_STATUSES } from '../../domain/catalog/BookItem.js';

/**
 * The domain's "on the shelf" (`isOnShelf`) as a predicate on `book_items`, for the reads that must filter in the
 * database (the first copy on the shelf, search availability). The status is written into the statement as a
 * literal, not a parameter, so the planner can match the partial index `book_items_on_shelf`, whose predicate is the
 * same expression.
 */
export function onShelfPredicate(alias?: string): string {
  const column = alias === undefined ? '' : `${alias}.`;
  return `${column}status = '${ON_SHELF_STATUS}' AND NOT ${column}reference_only`;
}

/** The domain's "in circulation" (`isInCirculation`) as a predicate on `book_items`, built the same way. */
export function inCirculationPredicate(): string {
  return `status IN (${IN_CIRCULATION_STATUSES.map((s) => `'${s}'`).join(', ')}) AND NOT reference_only`;
}

/** The domain's "may meet a hold" (`mayMeetHold`) as a predicate on `book_items`. */
export function mayMeetHoldPredicate(alias?: string): string {
  const column = alias === undefined ? '' : `${alias}.`;
  return `${column}status NOT IN (${UNACCOUNTED_STATUSES.map((s) => `'${s}'`).join(', ')}) AND NOT ${column}reference_only`;
}
