import { ValidationError } from '../../domain/shared/ShelfmarkError.js';

/** How the outbox dispatcher delivers: retries, backoff, timeouts. Every field has a default. */
export interface DispatchOptions {
  /** Deliver right after each commit that queued notices (default true). Off: only `dispatch()`, `idle()`, jobs and polling deliver. */
  readonly autoDispatch?: boolean;
  /** Attempts before a message goes to dead letters (default 6). */
  readonly maxAttempts?: number;
  /** Wait before the first retry; doubled on each further retry (default 30 s). */
  readonly baseDelayMs?: number;
  /** Longest wait between retries (default 1 h). */
  readonly maxDelayMs?: number;
  /** One attempt that takes longer than this counts as failed (default 10 s). */
  readonly attemptTimeoutMs?: number;
  /** How long a claimed message is hidden from other dispatchers; longer than the attempt timeout and its abort grace (default 60 s). */
  readonly leaseMs?: number;
  /** Messages claimed and sent concurrently per round (default 50). */
  readonly batchSize?: number;
}

export type ResolvedDispatchOptions = Required<DispatchOptions>;

export const DEFAULT_DISPATCH_OPTIONS: ResolvedDispatchOptions = {
  autoDispatch: true,
  maxAttempts: 6,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  attemptTimeoutMs: 10_000,
  leaseMs: 60_000,
  batchSize: 50,
};

/** After the attempt timeout aborts a send, how long the channel may take to report how far it got: a tenth of the timeout, at most 1 s. */
export function abortGraceMs(options: Pick<ResolvedDispatchOptions, 'attemptTimeoutMs'>): number {
  return Math.min(1_000, Math.ceil(options.attemptTimeoutMs / 10));
}

export function resolveDispatchOptions(options: DispatchOptions): ResolvedDispatchOptions {
  const o = { ...DEFAULT_DISPATCH_OPTIONS, ...options };
  const whole = (n: number, min: number): boolean => Number.isSafeInteger(n) && n >= min;
  const checks: [boolean, string][] = [
    [whole(o.maxAttempts, 1), 'maxAttempts must be a whole number of at least 1'],
    [whole(o.baseDelayMs, 0), 'baseDelayMs must be a non-negative whole number'],
    [whole(o.maxDelayMs, o.baseDelayMs), 'maxDelayMs must be a whole number no smaller than baseDelayMs'],
    [whole(o.attemptTimeoutMs, 1), 'attemptTimeoutMs must be a positive whole number'],
    [whole(o.leaseMs, o.attemptTimeoutMs + abortGraceMs(o) + 1), 'leaseMs must be longer than attemptTimeoutMs and its abort grace (a tenth of it, at most 1 s)'],
    [whole(o.batchSize, 1), 'batchSize must be a positive whole number'],
  ];
  for (const [ok, why] of checks) if (!ok) throw new ValidationError(why, { field: 'notifications' });
  return o;
}
