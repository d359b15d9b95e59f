/** A finished request as it was answered: replayed byte-for-byte to a retry. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

/** What a key holds when a request tries to claim it. */
export type IdempotencyClaim =
  /** The key was free (or its record had expired): the caller runs the request and then completes or releases it. */
  | { readonly state: 'claimed' }
  /** Another request with this key is still running (here or in another process), until its lease ends. */
  | { readonly state: 'running'; readonly fingerprint: string; readonly leaseUntil: string }
  /** An earlier request with this key was answered. */
  | { readonly state: 'done'; readonly fingerprint: string; readonly response: StoredResponse };

export interface IdempotencyClaimRequest {
  readonly key: string;
  /** Names this attempt; only the claimant may complete or release the key. */
  readonly claimant: string;
  /** A digest of the request, so the same key with another request can be told apart. */
  readonly fingerprint: string;
  readonly now: Date;
  /** How long the claimant may run before another may take the key over (a crashed process must not hold it forever). */
  readonly leaseUntil: Date;
  /** When the record, once answered, may be forgotten. */
  readonly expiresAt: Date;
}

/**
 * The idempotency port: one record per key. `claim` is atomic — of requests arriving together with
 * the same key, exactly one is told `claimed` — so a SQL adapter keeps the guarantee across processes.
 * A record whose `expiresAt` (or, while running, `leaseUntil`) has passed is claimable again.
 */
export interface IdempotencyStore {
  claim(request: IdempotencyClaimRequest): Promise<IdempotencyClaim>;
  /** Records the answer of a key this claimant holds. */
  complete(key: string, claimant: string, response: StoredResponse): Promise<void>;
  /** Gives up a key this claimant holds, without an answer (the request failed unexpectedly; a retry may run it). */
  release(key: string, claimant: string): Promise<void>;
  /** Deletes the records that expired at `now`; returns how many. */
  prune(now: Date): Promise<number>;
}
