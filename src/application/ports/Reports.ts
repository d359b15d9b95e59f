import type { BookItemPrimitives } from '../../domain/catalog/BookItem.js';
import type { LoanPrimitives } from '../../domain/lending/Loan.js';

/** How activity is counted: per UTC hour or per UTC day. */
export type ActivityBucket = 'hour' | 'day';
export const ACTIVITY_BUCKETS: readonly ActivityBucket[] = ['hour', 'day'];

/** Checkouts and returns that fell in one bucket (its start instant, ISO-8601). */
export interface ActivityCount {
  readonly start: string;
  readonly checkouts: number;
  readonly returns: number;
}

export interface HoldCounts {
  /** Active reservations still waiting for a copy. */
  readonly waiting: number;
  /** Reservations whose copy waits on a hold shelf. */
  readonly ready: number;
}

/**
 * Read-only figures for the circulation desk and its dashboard, from committed state (no transaction, no lock). Each
 * answer is read through an index over the instants or states it filters on, so its cost follows the rows it counts,
 * not the size of the loan history.
 */
export interface ReportStore {
  /** Checkouts (by checkout instant) and returns (by return instant) in [from, to), per bucket; empty buckets are left out. */
  activity(from: Date, to: Date, bucket: ActivityBucket): Promise<ActivityCount[]>;
  /** The open loans due before `now` (how many, and the `limit` earliest due, earliest first). */
  overdue(now: Date, limit: number): Promise<{ readonly count: number; readonly loans: readonly LoanPrimitives[] }>;
  holdCounts(): Promise<HoldCounts>;
  /** Minor units paid towards fines in [from, to). */
  paymentsTaken(from: Date, to: Date): Promise<number>;
  /** Copies on a hold shelf (RESERVED), of one branch or of all, earliest pickup deadline first. */
  holdShelf(branch: string | null): Promise<readonly BookItemPrimitives[]>;
}
