import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeContext, NoticeObserver } from './NoticeObserver.js';
import { calendarDay } from './wording.js';

/** A checkout is confirmed to the borrower: what they took and when it is due (sent when the policy asks for receipts). */
export class SendCheckoutReceipt implements NoticeObserver<'copy.checked-out'> {
  readonly listensTo = 'copy.checked-out' as const;

  async noticeFor(event: EventOf<'copy.checked-out'>, context: NoticeContext): Promise<Notice> {
    const title = await context.titleOf(event.isbn);
    return {
      kind: 'checkout-receipt',
      memberId: event.memberId,
      subject: `You borrowed "${title}"`,
      body: `You borrowed "${title}" (copy ${event.barcode}). It is due back on ${calendarDay(event.dueAt)}.`,
      idempotencyKey: `checkout-receipt:${event.loanId}`,
      data: { loanId: event.loanId, barcode: event.barcode, isbn: event.isbn, dueAt: event.dueAt },
    };
  }
}
