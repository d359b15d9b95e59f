import type { Clock } from '../../../domain/shared/Clock.js';
import { requirePositiveInteger, requirePositiveNumber } from '../../../domain/shared/guards.js';

export interface TokenBucketOptions {
  /** Most requests allowed in a burst. */
  readonly capacity: number;
  /** Requests regained per minute. */
  readonly refillPerMinute: number;
}

/** Rate limiting on the injected clock: one bucket per key (client address), refilled continuously. */
export class TokenBucket {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly options: TokenBucketOptions,
  ) {
    requirePositiveInteger(options.capacity, 'pinRateLimit.capacity');
    requirePositiveNumber(options.refillPerMinute, 'pinRateLimit.refillPerMinute');
  }

  /** Takes one token; returns 0 when allowed, otherwise the whole seconds to wait. */
  take(key: string): number {
    const now = this.clock.now().getTime();
    const perMs = this.options.refillPerMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.options.capacity, at: now };
    const tokens = Math.min(this.options.capacity, bucket.tokens + (now - bucket.at) * perMs);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      this.prune(now, perMs);
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  }

  /** Forgets buckets that have refilled completely, so the map does not grow with every address ever seen. */
  private prune(now: number, perMs: number): void {
    if (this.buckets.size < 10_000) return;
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * perMs >= this.options.capacity) this.buckets.delete(key);
  }
}
