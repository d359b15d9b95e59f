import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeContext, NoticeObserver } from './NoticeObserver.js';

/** An e-loan returns itself at the due instant, with no late fee; the member is told so. */
export class NotifyMemberOnDigitalLoanExpired implements NoticeObserver<'digital-loan.expired'> {
  readonly listensTo = 'digital-loan.expired' as const;

  async noticeFor(event: EventOf<'digital-loan.expired'>, context: NoticeContext): Promise<Notice> {
    const title = await context.titleOf(event.isbn);
    return {
      kind: 'digital-loan-ended',
      memberId: event.memberId,
      subject: 'Your e-book loan has ended',
      body: `Your loan of "${title}" ended at ${event.dueAt} and was returned automatically. There is no late fee.`,
      idempotencyKey: `digital-loan-ended:${event.loanId}`,
      data: { isbn: event.isbn, copyId: event.copyId, loanId: event.loanId, dueAt: event.dueAt },
    };
  }
}
