import { ValidationError } from '../domain/shared/ShelfmarkError.js';

/** How long records that have done their work are kept before the jobs' prune step deletes them. Every field has a default. */
export interface RetentionOptions {
  /**
   * Days a DELIVERED outbox message is kept after its delivery (default 30). Dead letters are never pruned. The same
   * number bounds how late a missed reminder is still sent: a reminder slot reached longer ago than this is dropped,
   * so a pruned reminder is never queued again.
   */
  readonly deliveredNoticesDays?: number;
  /** Days a loan-token revocation is kept after the token itself lapsed (default 1: a lapsed token is refused anyway). */
  readonly revocationsDaysAfterLapse?: number;
  /** Days an Idempotency-Key record is kept after it expired (default 0: deleted as soon as it expired). */
  readonly idempotencyRecordsDaysAfterExpiry?: number;
}

export type ResolvedRetention = Required<RetentionOptions>;

export const DEFAULT_RETENTION: ResolvedRetention = { deliveredNoticesDays: 30, revocationsDaysAfterLapse: 1, idempotencyRecordsDaysAfterExpiry: 0 };

export function resolveRetention(options: RetentionOptions = {}): ResolvedRetention {
  const resolved = { ...DEFAULT_RETENTION, ...options };
  for (const [field, days] of Object.entries(resolved))
    if (!Number.isSafeInteger(days) || days < 0) throw new ValidationError(`retention.${field} must be a whole number of days, 0 or more`, { field: `retention.${field}` });
  if (resolved.deliveredNoticesDays < 1) throw new ValidationError('retention.deliveredNoticesDays must be at least 1', { field: 'retention.deliveredNoticesDays' });
  return resolved;
}
