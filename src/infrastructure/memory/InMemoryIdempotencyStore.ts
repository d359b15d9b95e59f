import type { IdempotencyClaim, IdempotencyClaimRequest, IdempotencyStore, StoredResponse } from '../../application/ports/IdempotencyStore.js';

interface Entry {
  readonly fingerprint: string;
  readonly claimant: string;
  readonly leaseUntil: number;
  readonly expiresAt: number;
  readonly response: StoredResponse | null;
}

/** Idempotency records in process memory (one server); times come from the claims, i.e. from the caller's clock. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  claim(request: IdempotencyClaimRequest): Promise<IdempotencyClaim> {
    const now = request.now.getTime();
    const existing = this.entries.get(request.key);
    if (existing && !this.claimable(existing, now)) {
      return Promise.resolve(
        existing.response === null
          ? { state: 'running', fingerprint: existing.fingerprint, leaseUntil: new Date(existing.leaseUntil).toISOString() }
          : { state: 'done', fingerprint: existing.fingerprint, response: existing.response },
      );
    }
    this.entries.set(request.key, {
      fingerprint: request.fingerprint,
      claimant: request.claimant,
      leaseUntil: request.leaseUntil.getTime(),
      expiresAt: request.expiresAt.getTime(),
      response: null,
    });
    return Promise.resolve({ state: 'claimed' });
  }

  complete(key: string, claimant: string, response: StoredResponse): Promise<void> {
    const entry = this.entries.get(key);
    if (entry?.claimant === claimant) this.entries.set(key, { ...entry, response: structuredClone(response) });
    return Promise.resolve();
  }

  release(key: string, claimant: string): Promise<void> {
    if (this.entries.get(key)?.claimant === claimant) this.entries.delete(key);
    return Promise.resolve();
  }

  prune(now: Date): Promise<number> {
    let pruned = 0;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now.getTime() && (entry.response !== null || entry.leaseUntil <= now.getTime())) {
        this.entries.delete(key);
        pruned++;
      }
    }
    return Promise.resolve(pruned);
  }

  get size(): number {
    return this.entries.size;
  }

  private claimable(entry: Entry, now: number): boolean {
    return entry.response === null ? entry.leaseUntil <= now : entry.expiresAt <= now;
  }
}
