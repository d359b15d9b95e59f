import type { AuditEntry, AuditQuery, AuditStore, NewOutboxMessage, OutboxMessage, OutboxStore } from '../../application/ports/Store.js';

/** The in-memory outbox: messages keyed by id, unique by idempotency key; pending ones indexed for the dispatcher. */
export class MemoryOutbox implements OutboxStore {
  private readonly messages = new Map<string, OutboxMessage>();
  private readonly pendingIds = new Set<string>();
  private readonly keys = new Set<string>();

  /** Whether a committed message carries this idempotency key. */
  holds(idempotencyKey: string): boolean {
    return this.keys.has(idempotencyKey);
  }

  /** Called by the store's commit with the transaction's own copies; a repeated idempotency key keeps the first message. */
  commit(pending: readonly NewOutboxMessage[]): void {
    for (const m of pending) {
      if (this.keys.has(m.idempotencyKey)) continue;
      this.keys.add(m.idempotencyKey);
      this.messages.set(m.id, { ...m, status: 'PENDING', attempts: 0, nextAttemptAt: m.createdAt, lastError: null, deliveredAt: null });
      this.pendingIds.add(m.id);
    }
  }

  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<OutboxMessage[]> {
    const due = [...this.pendingIds]
      .map((id) => this.messages.get(id))
      .filter((m): m is OutboxMessage => m !== undefined && Date.parse(m.nextAttemptAt) <= now.getTime())
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.createdAt.localeCompare(b.createdAt))
      .slice(0, limit);
    for (const m of due) this.messages.set(m.id, { ...m, nextAttemptAt: leaseUntil.toISOString() });
    return Promise.resolve(due.map((m) => structuredClone(m)));
  }

  markDelivered(id: string, now: Date): Promise<void> {
    return this.settle(id, now, null);
  }

  markUnconfirmed(id: string, why: string, now: Date): Promise<void> {
    return this.settle(id, now, why);
  }

  private settle(id: string, now: Date, lastError: string | null): Promise<void> {
    const m = this.messages.get(id);
    if (m?.status === 'PENDING') this.messages.set(id, { ...m, status: 'DELIVERED', attempts: m.attempts + 1, deliveredAt: now.toISOString(), lastError });
    this.pendingIds.delete(id);
    return Promise.resolve();
  }

  markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    const m = this.messages.get(id);
    if (m?.status === 'PENDING') {
      this.messages.set(id, {
        ...m,
        attempts: m.attempts + 1,
        lastError: error,
        status: retryAt === null ? 'DEAD' : 'PENDING',
        nextAttemptAt: retryAt === null ? m.nextAttemptAt : retryAt.toISOString(),
      });
      if (retryAt === null) this.pendingIds.delete(id);
    }
    return Promise.resolve();
  }

  pruneDelivered(before: Date): Promise<number> {
    let pruned = 0;
    for (const [id, m] of this.messages)
      if (m.status === 'DELIVERED' && m.deliveredAt !== null && Date.parse(m.deliveredAt) < before.getTime()) {
        this.messages.delete(id);
        this.keys.delete(m.idempotencyKey);
        pruned++;
      }
    return Promise.resolve(pruned);
  }

  list(filter: { readonly status?: OutboxMessage['status']; readonly memberId?: string } = {}): Promise<OutboxMessage[]> {
    return Promise.resolve(
      [...this.messages.values()]
        .filter((m) => (filter.status ?? m.status) === m.status && (filter.memberId ?? m.memberId) === m.memberId)
        .map((m) => structuredClone(m)),
    );
  }
}

/** The in-memory audit log: append-only; nothing here edits or deletes an entry. */
export class MemoryAuditLog implements AuditStore {
  private readonly entries: AuditEntry[] = [];

  /** Called by the store's commit with the transaction's own copies. */
  commit(pending: readonly AuditEntry[]): void {
    for (const e of pending) this.entries.push(Object.freeze(e));
  }

  query(filter: AuditQuery): Promise<AuditEntry[]> {
    const matches = this.entries.filter(
      (e) =>
        (filter.memberId === undefined || e.memberId === filter.memberId) &&
        (filter.barcode === undefined || e.barcode === filter.barcode) &&
        (filter.isbn === undefined || e.isbn === filter.isbn) &&
        (filter.from === undefined || e.at >= filter.from) &&
        (filter.to === undefined || e.at < filter.to),
    );
    return Promise.resolve(matches.slice(0, filter.limit ?? matches.length).map((e) => structuredClone(e)));
  }
}
