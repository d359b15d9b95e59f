import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IdempotencyStore, StoredResponse } from '../../../application/ports/IdempotencyStore.js';
import type { Clock } from '../../../domain/shared/Clock.js';
import { HttpError } from '../errors/HttpError.js';
import { requirePositiveNumber } from '../../../domain/shared/guards.js';

export type { StoredResponse } from '../../../application/ports/IdempotencyStore.js';

export interface Replayable {
  readonly response: StoredResponse;
  /** True when this answer was recorded by an earlier request with the same key. */
  readonly replayed: boolean;
}

export interface IdempotencyTimes {
  /** How long an answer is kept for retries. Default: 24 hours. */
  readonly ttlHours?: number;
  /** How long a running request holds its key before another process may take it over. Default: 5 minutes. */
  readonly leaseMinutes?: number;
}

/** How long to wait between looks at a key another process is still answering (not a rule: only how often to ask). */
const POLL_MS = [10, 25, 50, 100, 250, 500];

/**
 * `Idempotency-Key` semantics on top of the store's atomic claim: `execute` runs at most once per key;
 * a retry gets the recorded answer; a duplicate arriving while the first is still running waits for it
 * (in this process on its promise, across processes by looking again); the same key with a different
 * request is refused (IDEMPOTENCY_KEY_REUSED). An unexpected failure records nothing, so a retry may run.
 */
export class Idempotency {
  private readonly inFlight = new Map<string, Promise<StoredResponse>>();
  private readonly ttlMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    times: IdempotencyTimes = {},
  ) {
    this.ttlMs = requirePositiveNumber(times.ttlHours ?? 24, 'idempotencyTimes.ttlHours') * 3_600_000;
    this.leaseMs = requirePositiveNumber(times.leaseMinutes ?? 5, 'idempotencyTimes.leaseMinutes') * 60_000;
  }

  async run(key: string, fingerprint: string, execute: () => Promise<StoredResponse>): Promise<Replayable> {
    for (let look = 0; ; look++) {
      const local = this.inFlight.get(key);
      if (local) {
        await local.catch(() => undefined);
        continue;
      }
      const now = this.clock.now();
      const claimant = randomUUID();
      const claim = await this.store.claim({
        key,
        claimant,
        fingerprint,
        now,
        leaseUntil: new Date(now.getTime() + this.leaseMs),
        expiresAt: new Date(now.getTime() + this.ttlMs),
      });
      if (claim.state === 'claimed') return { response: await this.answer(key, claimant, execute), replayed: false };
      if (claim.fingerprint !== fingerprint) {
        throw new HttpError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different request');
      }
      if (claim.state === 'done') return { response: claim.response, replayed: true };
      await sleep(POLL_MS[Math.min(look, POLL_MS.length - 1)]);
    }
  }

  /** Forgets the answers whose time is up; returns how many. */
  pruneExpired(): Promise<number> {
    return this.store.prune(this.clock.now());
  }

  private async answer(key: string, claimant: string, execute: () => Promise<StoredResponse>): Promise<StoredResponse> {
    const running = (async () => {
      try {
        const response = await execute();
        await this.store.complete(key, claimant, response);
        return response;
      } catch (error) {
        await this.store.release(key, claimant);
        throw error;
      }
    })();
    this.inFlight.set(key, running);
    try {
      return await running;
    } finally {
      this.inFlight.delete(key);
    }
  }
}
