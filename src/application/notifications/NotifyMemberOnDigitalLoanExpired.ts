import type { Notifier } from '../ports/Notifier.js';
import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { NoticeObserver } from './NoticeObserver.js';

/** Seed 003: an e-loan returns itself at the due instant, with no late fee; the member is told so. */
export class NotifyMemberOnDigitalLoanExpired implements NoticeObserver<'digital-loan.expired'> {
  readonly listensTo = 'digital-loan.expired' as const;
  constructor(private readonly notifier: Notifier) {}

  async handle(event: EventOf<'digital-loan.expired'>): Promise<void> {
    await this.notifier.send({
      kind: 'digital-loan-ended',
      memberId: event.memberId,
      subject: 'Your e-book loan has ended',
      body: `Your loan of ${event.isbn} ended at ${event.dueAt} and was returned automatically. There is no late fee.`,
      idempotencyKey: `digital-loan-ended:${event.loanId}`,
      data: { isbn: event.isbn, copyId: event.copyId, loanId: event.loanId, dueAt: event.dueAt },
    });
  }
}
