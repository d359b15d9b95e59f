import { inject, injectable } from 'inversify';
import { EventBus } from './EventBus.js';
import type { Store, Transaction } from './ports/Store.js';
import { StoreError } from './StoreError.js';
import { TOKENS } from './tokens.js';

/**
 * Runs one use case as one transaction: retries it from scratch when another writer won a race
 * (optimistic versions), then publishes the committed events. Domain errors are never retried.
 */
@injectable()
export class UnitOfWork {
  constructor(
    @inject(TOKENS.Store) private readonly store: Store,
    @inject(EventBus) private readonly bus: EventBus,
    @inject(TOKENS.RetryLimit) private readonly maxAttempts: number,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { value, events } = await this.store.transaction(work);
        this.bus.publish(events);
        return value;
      } catch (error) {
        if (!StoreError.isConflict(error)) throw error;
        if (attempt >= this.maxAttempts) {
          throw new StoreError('CONFLICT_RETRIES_EXHAUSTED', `gave up after ${attempt} conflicting attempts; try again`, { attempts: attempt }, { cause: error });
        }
      }
    }
  }
}
