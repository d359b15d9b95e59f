import { inject, injectable } from 'inversify';
import { MS_PER_DAY, type Clock } from '../domain/shared/Clock.js';
import type { IdempotencyStore } from './ports/IdempotencyStore.js';
import type { Store } from './ports/Store.js';
import { resolveRetention, type ResolvedRetention, type RetentionOptions } from './Retention.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';

/** What one prune step deleted. */
export interface PruneReport {
  readonly deliveredNotices: number;
  readonly revocations: number;
  readonly idempotencyRecords: number;
}

/**
 * The jobs' prune step: deletes delivered outbox messages, lapsed loan-token revocations and expired
 * Idempotency-Key records once their retention has passed. Each delete is one statement, safe to run
 * twice or in two processes at once (the second finds nothing).
 */
@injectable()
export class Housekeeping {
  private readonly retention: ResolvedRetention;

  constructor(
    @inject(TOKENS.Store) private readonly store: Store,
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdempotencyStore) private readonly idempotency: IdempotencyStore,
    @inject(TOKENS.Retention) retention: RetentionOptions,
  ) {
    this.retention = resolveRetention(retention);
  }

  /** How many days back a reminder slot may still be sent: records of older ones may be pruned. */
  get reminderHorizonDays(): number {
    return this.retention.deliveredNoticesDays;
  }

  async prune(): Promise<PruneReport> {
    const now = this.clock.now().getTime();
    const daysAgo = (days: number): Date => new Date(now - days * MS_PER_DAY);
    const deliveredNotices = await this.store.outbox.pruneDelivered(daysAgo(this.retention.deliveredNoticesDays));
    const revocations = await this.uow.run((tx) => tx.revokedTokens.pruneLapsed(daysAgo(this.retention.revocationsDaysAfterLapse)));
    const idempotencyRecords = await this.idempotency.prune(daysAgo(this.retention.idempotencyRecordsDaysAfterExpiry));
    return { deliveredNotices, revocations, idempotencyRecords };
  }
}
