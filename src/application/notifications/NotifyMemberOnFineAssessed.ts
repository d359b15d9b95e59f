import type { Notifier } from '../ports/Notifier.js';
import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { NoticeObserver } from './NoticeObserver.js';

/** Tells a member what a late, damaged or lost return cost them. */
export class NotifyMemberOnFineAssessed implements NoticeObserver<'fine.assessed'> {
  readonly listensTo = 'fine.assessed' as const;
  constructor(private readonly notifier: Notifier) {}

  async handle(event: EventOf<'fine.assessed'>): Promise<void> {
    await this.notifier.send({
      kind: 'fine-assessed',
      memberId: event.memberId,
      subject: 'A fine was added to your account',
      body: `A ${event.reason.toLowerCase()} fine of ${event.amount} ${event.currency} (minor units) was assessed.`,
      idempotencyKey: `fine-assessed:${event.fineId}`,
      data: { fineId: event.fineId, reason: event.reason, amount: event.amount, currency: event.currency, loanId: event.loanId },
    });
  }
}
