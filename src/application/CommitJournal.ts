import { inject, injectable } from 'inversify';
import type { DomainEvent } from '../domain/shared/DomainEvent.js';
import type { Actor } from './ActorContext.js';
import { NotificationService } from './notifications/NotificationService.js';
import type { IdGenerator } from './ports/IdGenerator.js';
import type { AuditEntry, Transaction } from './ports/Store.js';
import { TOKENS } from './tokens.js';

/**
 * What rides along in every commit (the store's `beforeCommit` hook): one audit entry per domain
 * event, with the actor, and the outbox messages of the notices the events call for. Both are
 * written in the same transaction as the state change, so either all of it happened or none.
 */
@injectable()
export class CommitJournal {
  constructor(
    @inject(NotificationService) private readonly notifications: NotificationService,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  /** Returns how many outbox messages were queued. */
  async record(tx: Transaction, events: readonly DomainEvent[], actor: Actor): Promise<number> {
    if (events.length === 0) return 0;
    for (const event of events) await tx.audit.append(await this.entryFor(tx, event, actor));
    return this.notifications.queue(tx, events);
  }

  private async entryFor(tx: Transaction, event: DomainEvent, actor: Actor): Promise<AuditEntry> {
    const field = (name: string): string | null => {
      const value = (event as unknown as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : null;
    };
    let barcode = field('barcode');
    // the title's key: a record without an ISBN is named by its record id
    let isbn = field('isbn') ?? field('recordId');
    const loanId = field('loanId');
    if (loanId !== null && (barcode === null || isbn === null)) {
      // fines and renewals name the loan; the audit log is queried by copy and title too
      const loan = await tx.loans.get(loanId);
      barcode ??= loan?.barcode ?? null;
      isbn ??= loan?.isbn ?? null;
    }
    const { name, occurredAt, ...data } = event;
    return {
      id: this.ids.next('audit'),
      at: occurredAt,
      actor: actor.id,
      ...(actor.label === undefined ? {} : { actorLabel: actor.label }),
      action: name,
      memberId: field('memberId'),
      barcode,
      isbn,
      data,
    };
  }
}
