import type { Clock } from '../../../domain/shared/Clock.js';
import { HttpError } from '../errors/HttpError.js';

/** A finished request as it was answered: replayed byte-for-byte to a retry. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface Replayable {
  readonly response: StoredResponse;
  /** True when this answer was recorded by an earlier request with the same key. */
  readonly replayed: boolean;
}

/**
 * The idempotency port. `execute` runs at most once per key: a retry gets the recorded answer, a
 * duplicate arriving while the first is still running waits for it, and the same key with a
 * different request is refused (IDEMPOTENCY_KEY_REUSED). An SQL adapter would keep the same contract
 * with a unique key row inserted in the same transaction as the change.
 */
export interface IdempotencyStore {
  run(key: string, fingerprint: string, execute: () => Promise<StoredResponse>): Promise<Replayable>;
}

interface Entry {
  readonly fingerprint: string;
  readonly response: Promise<StoredResponse>;
  readonly recordedAt: number;
}

/** Keys kept in process memory for `ttlHours` (by the injected clock). */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private writes = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlHours = 24,
  ) {}

  async run(key: string, fingerprint: string, execute: () => Promise<StoredResponse>): Promise<Replayable> {
    const now = this.clock.now().getTime();
    const existing = this.entries.get(key);
    if (existing && !this.expired(existing, now)) {
      if (existing.fingerprint !== fingerprint) {
        throw new HttpError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different request');
      }
      return { response: await existing.response, replayed: true };
    }
    const response = execute();
    this.entries.set(key, { fingerprint, response, recordedAt: now });
    this.sweep(now);
    try {
      return { response: await response, replayed: false };
    } catch (error) {
      // Nothing was recorded for an unexpected failure: the client may retry with the same key.
      this.entries.delete(key);
      throw error;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private expired(entry: Entry, now: number): boolean {
    return now - entry.recordedAt > this.ttlHours * 3_600_000;
  }

  private sweep(now: number): void {
    this.writes += 1;
    if (this.writes % 1000 !== 0) return;
    for (const [key, entry] of this.entries) if (this.expired(entry, now)) this.entries.delete(key);
  }
}
