import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeObserver } from './NoticeObserver.js';

/** Tells a member what a late, damaged or lost return cost them. */
export class NotifyMemberOnFineAssessed implements NoticeObserver<'fine.assessed'> {
  readonly listensTo = 'fine.assessed' as const;

  noticeFor(event: EventOf<'fine.assessed'>): Promise<Notice> {
    return Promise.resolve({
      kind: 'fine-assessed',
      memberId: event.memberId,
      subject: 'A fine was added to your account',
      body: `A ${event.reason.toLowerCase()} fine of ${event.amount} ${event.currency} (minor units) was assessed.`,
      idempotencyKey: `fine-assessed:${event.fineId}`,
      data: { fineId: event.fineId, reason: event.reason, amount: event.amount, currency: event.currency, loanId: event.loanId },
    });
  }
}
