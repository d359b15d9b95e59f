import { inject, injectable } from 'inversify';
import { CONTACT_CHANNELS, type ContactChannel } from '../../domain/members/Member.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { MaybeDelivered, UndeliverableNotice, type Delivery, type Notice } from '../ports/NoticeChannel.js';
import type { OutboxMessage, Store } from '../ports/Store.js';
import { TOKENS } from '../tokens.js';
import { ChannelFactory } from './ChannelFactory.js';
import { abortGraceMs, resolveDispatchOptions, type DispatchOptions, type ResolvedDispatchOptions } from './DispatchOptions.js';

/** What one `dispatch()` did. */
export interface DispatchReport {
  readonly delivered: number;
  /** Failed attempts that will be tried again after their backoff. */
  readonly retrying: number;
  /** Messages that went to dead letters in this round. */
  readonly dead: number;
  /** Sends that failed after the whole message reached the provider: recorded delivered, unconfirmed, and not sent again. */
  readonly unconfirmed: number;
}

type Outcome = keyof DispatchReport;

/**
 * Delivers the transactional outbox: claims due messages with a lease, sends each to its channel
 * with a per-attempt timeout, and records the outcome. A failure is retried with exponential
 * backoff (base · 2^(attempt−1), capped) until `maxAttempts`, then the message is dead-lettered;
 * a channel that says retrying cannot help (UndeliverableNotice) dead-letters it at once.
 *
 * Each message is marked delivered as soon as its own send succeeds, so a crash re-sends only the
 * messages whose send was under way: when their lease runs out another dispatcher takes them again
 * (at most one duplicate per message per crash). Every delivery carries an idempotency key that
 * channels pass on (Message-ID, `webhook-id`) so receivers can drop that duplicate.
 *
 * A send that fails after the whole message reached the provider (MaybeDelivered: an SMTP server
 * that took the message, then went silent) is not retried: it is recorded DELIVERED with the reason
 * in `lastError` ("unconfirmed: …") and counted as `unconfirmed`. A server that has the whole message
 * almost always delivers it, so a resend would almost always be a duplicate; the unconfirmed ones
 * stay listable for an operator to check.
 *
 * Rounds never overlap within one dispatcher; several dispatchers (processes) share the outbox
 * safely because claiming is leased: a claimed message is hidden from every other dispatcher
 * until its lease (longer than an attempt) runs out.
 */
@injectable()
export class OutboxDispatcher {
  private readonly options: ResolvedDispatchOptions;
  private tail: Promise<unknown> = Promise.resolve();
  private queued: Promise<DispatchReport> | null = null;
  private poller: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly failuresSeen: unknown[] = [];

  constructor(
    @inject(TOKENS.Store) private readonly store: Store,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(ChannelFactory) private readonly channels: ChannelFactory,
    @inject(TOKENS.DispatchOptions) options: DispatchOptions,
  ) {
    this.options = resolveDispatchOptions(options);
  }

  /** Delivers every message due now (after any round already running) and resolves with what this round did. */
  dispatch(): Promise<DispatchReport> {
    if (this.queued) return this.queued;
    const round = this.tail.then(() => {
      this.queued = null;
      return this.drain();
    });
    this.queued = round;
    this.tail = round.catch((error: unknown) => {
      this.failuresSeen.push(error);
      if (this.failuresSeen.length > 100) this.failuresSeen.shift();
    });
    return round;
  }

  /** Called after a commit that queued notices: delivers in the background, never in the caller's way. */
  kick(): void {
    if (this.options.autoDispatch && !this.closed) void this.background();
  }

  /** Polls the outbox every `intervalMs` so retries go out on time in a long-running process. The timer never keeps the process alive. */
  start(intervalMs = 5_000): void {
    if (this.poller || this.closed) return;
    this.poller = setInterval(() => void this.background(), intervalMs);
    this.poller.unref();
  }

  stop(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }

  /** Stops polling and background rounds, then waits for the round in flight. */
  async close(): Promise<void> {
    this.closed = true;
    this.stop();
    await this.tail;
  }

  list(filter?: { readonly status?: OutboxMessage['status']; readonly memberId?: string }): Promise<OutboxMessage[]> {
    return this.store.outbox.list(filter);
  }

  deadLetters(): Promise<OutboxMessage[]> {
    return this.store.outbox.list({ status: 'DEAD' });
  }

  /** Errors of background rounds (the store, not a channel: channel failures are recorded on their message). */
  failures(): readonly unknown[] {
    return [...this.failuresSeen];
  }

  private async background(): Promise<void> {
    try {
      await this.dispatch();
    } catch {
      // kept by dispatch() in failuresSeen; a background round has nobody else to tell
    }
  }

  private async drain(): Promise<DispatchReport> {
    const report: Record<Outcome, number> = { delivered: 0, retrying: 0, dead: 0, unconfirmed: 0 };
    for (;;) {
      const now = this.clock.now();
      const batch = await this.store.outbox.claimDue(now, this.options.batchSize, new Date(now.getTime() + this.options.leaseMs));
      if (batch.length === 0) return report;
      for (const outcome of await Promise.all(batch.map((m) => this.deliver(m)))) report[outcome]++;
    }
  }

  private async deliver(message: OutboxMessage): Promise<Outcome> {
    const attempt = message.attempts + 1;
    try {
      const delivery = toDelivery(message);
      const channel = this.channels.channelFor(delivery.medium);
      if (!channel) throw new UndeliverableNotice(`no channel serves ${delivery.medium}`);
      await this.withTimeout((signal) => channel.send(delivery, signal));
      await this.store.outbox.markDelivered(message.id, this.clock.now());
      return 'delivered';
    } catch (error) {
      if (error instanceof MaybeDelivered) {
        await this.store.outbox.markUnconfirmed(message.id, `unconfirmed: ${describe(error)}`, this.clock.now());
        return 'unconfirmed';
      }
      const giveUp = error instanceof UndeliverableNotice || attempt >= this.options.maxAttempts;
      const retryAt = giveUp ? null : new Date(this.clock.now().getTime() + this.backoff(attempt));
      await this.store.outbox.markFailed(message.id, describe(error), retryAt);
      return retryAt ? 'retrying' : 'dead';
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
  }

  /**
   * Runs one attempt. Past the timeout it is aborted, and the channel has a short grace
   * (`abortGraceMs`) to say how far it got (done, MaybeDelivered, failed); after that the attempt
   * counts as failed, whatever it does later.
   */
  private async withTimeout(send: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const ms = this.options.attemptTimeoutMs;
    const controller = new AbortController();
    const timers: NodeJS.Timeout[] = [];
    const timedOut = new Promise<never>((_resolve, reject) => {
      timers.push(
        setTimeout(() => {
          const error = new Error(`attempt timed out after ${ms} ms`);
          controller.abort(error);
          timers.push(setTimeout(() => {
            reject(error);
          }, abortGraceMs(this.options)));
        }, ms),
      );
    });
    const attempt = Promise.resolve().then(() => send(controller.signal));
    attempt.catch(() => undefined); // an abandoned attempt that fails later is not an unhandled rejection
    try {
      await Promise.race([attempt, timedOut]);
    } finally {
      for (const timer of timers) clearTimeout(timer);
    }
  }
}

function toDelivery(message: OutboxMessage): Delivery {
  const { medium, to, idempotencyKey, notice } = message.payload;
  const valid =
    typeof medium === 'string' &&
    (CONTACT_CHANNELS as readonly string[]).includes(medium) &&
    typeof to === 'string' &&
    typeof idempotencyKey === 'string' &&
    typeof notice === 'object' &&
    notice !== null;
  if (!valid) throw new UndeliverableNotice(`outbox message ${message.id} has no valid delivery`);
  return { medium: medium as ContactChannel, to, idempotencyKey, notice: notice as Notice };
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1_000);
}
