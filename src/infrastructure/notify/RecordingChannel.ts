import type { ContactChannel } from '../../domain/members/Member.js';
import type { Delivery, Notice, NoticeChannel } from '../../application/ports/NoticeChannel.js';

export interface RecordingChannelOptions {
  /** The medium it stands in for; default `'*'`: every medium no other channel serves. */
  readonly medium?: ContactChannel | '*';
}

export interface DeliveryFilter {
  readonly kind?: Notice['kind'];
  readonly memberId?: string;
  readonly medium?: ContactChannel;
}

/**
 * Keeps every delivery in memory, deduplicated by idempotency key as a real provider would:
 * for tests, demos and dry runs. `notices({ kind, memberId })` reads them back.
 */
export class RecordingChannel implements NoticeChannel {
  readonly medium: ContactChannel | '*';
  private readonly received: Delivery[] = [];
  private readonly keys = new Set<string>();

  constructor(options: RecordingChannelOptions = {}) {
    this.medium = options.medium ?? '*';
  }

  send(delivery: Delivery): Promise<void> {
    if (!this.keys.has(delivery.idempotencyKey)) {
      this.keys.add(delivery.idempotencyKey);
      this.received.push(structuredClone(delivery));
    }
    return Promise.resolve();
  }

  deliveries(filter: DeliveryFilter = {}): Delivery[] {
    return this.received.filter(
      (d) =>
        (filter.kind ?? d.notice.kind) === d.notice.kind &&
        (filter.memberId ?? d.notice.memberId) === d.notice.memberId &&
        (filter.medium ?? d.medium) === d.medium,
    );
  }

  notices(filter: DeliveryFilter = {}): Notice[] {
    return this.deliveries(filter).map((d) => d.notice);
  }

  clear(): void {
    this.received.length = 0;
    this.keys.clear();
  }
}
