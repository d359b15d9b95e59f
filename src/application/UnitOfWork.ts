import { inject, injectable } from 'inversify';
import { ActorContext } from './ActorContext.js';
import { CommitJournal } from './CommitJournal.js';
import { EventBus } from './EventBus.js';
import { OutboxDispatcher } from './notifications/OutboxDispatcher.js';
import type { Store, Transaction } from './ports/Store.js';
import { StoreError } from './StoreError.js';
import { TOKENS } from './tokens.js';

/**
 * Runs one use case as one transaction: retries it from scratch when another writer won a race
 * (optimistic versions). Inside the commit, the journal writes the audit entries and outbox
 * notices of the transaction's events; after it, the events are published and the dispatcher is
 * nudged to deliver. Domain errors are never retried.
 */
@injectable()
export class UnitOfWork {
  constructor(
    @inject(TOKENS.Store) private readonly store: Store,
    @inject(EventBus) private readonly bus: EventBus,
    @inject(TOKENS.RetryLimit) private readonly maxAttempts: number,
    @inject(ActorContext) private readonly actors: ActorContext,
    @inject(CommitJournal) private readonly journal: CommitJournal,
    @inject(OutboxDispatcher) private readonly dispatcher: OutboxDispatcher,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const actor = this.actors.current();
    for (let attempt = 1; ; attempt++) {
      try {
        let queued = 0;
        const { value, events } = await this.store.transaction(work, {
          beforeCommit: async (tx, recorded) => {
            queued = await this.journal.record(tx, recorded, actor);
          },
        });
        this.bus.publish(events);
        if (queued > 0) this.dispatcher.kick();
        return value;
      } catch (error) {
        if (!StoreError.isConflict(error)) throw error;
        if (attempt >= this.maxAttempts) {
          throw new StoreError('CONFLICT_RETRIES_EXHAUSTED', `gave up after ${attempt} conflicting attempts; try again`, { attempts: attempt }, { cause: error });
        }
      }
    }
  }

  /**
   * A job's sweep: the candidates are read in one transaction, then each is decided in a transaction of its own,
   * where `each` reads it again — it may have changed since the scan (a copy returned, a hold collected) — and
   * answers null to leave it. One candidate's conflict or refusal never undoes another's. Outcomes in scan order.
   */
  async sweep<C, T>(scan: (tx: Transaction) => Promise<readonly C[]>, each: (tx: Transaction, candidate: C) => Promise<T | null>): Promise<T[]> {
    const candidates = await this.run(scan);
    const outcomes: T[] = [];
    for (const candidate of candidates) {
      const outcome = await this.run((tx) => each(tx, candidate));
      if (outcome !== null) outcomes.push(outcome);
    }
    return outcomes;
  }
}
