import type { Notice, Notifier } from '../../application/ports/Notifier.js';

/** Keeps every notice in memory, deduplicated by idempotency key: for tests, demos and dry runs. */
export class RecordingNotifier implements Notifier {
  private readonly sent: Notice[] = [];
  private readonly keys = new Set<string>();

  send(notice: Notice): Promise<void> {
    if (!this.keys.has(notice.idempotencyKey)) {
      this.keys.add(notice.idempotencyKey);
      this.sent.push(notice);
    }
    return Promise.resolve();
  }

  notices(filter: Partial<Pick<Notice, 'kind' | 'memberId'>> = {}): Notice[] {
    return this.sent.filter((n) => (filter.kind ?? n.kind) === n.kind && (filter.memberId ?? n.memberId) === n.memberId);
  }

  clear(): void {
    this.sent.length = 0;
    this.keys.clear();
  }
}
