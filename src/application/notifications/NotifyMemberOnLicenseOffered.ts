import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeContext, NoticeObserver } from './NoticeObserver.js';

/** Notify the next in the queue: the queue head hears a license waits for them, and until when. */
export class NotifyMemberOnLicenseOffered implements NoticeObserver<'reservation.license-offered'> {
  readonly listensTo = 'reservation.license-offered' as const;

  async noticeFor(event: EventOf<'reservation.license-offered'>, context: NoticeContext): Promise<Notice> {
    const title = await context.titleOf(event.isbn);
    return {
      kind: 'license-offered',
      memberId: event.memberId,
      subject: 'Your e-book is ready to borrow',
      body: `A license for "${title}" is set aside for you until ${event.expiresAt}. Borrow it before then or it passes to the next reader.`,
      idempotencyKey: `license-offered:${event.reservationId}:${event.copyId}`,
      data: { isbn: event.isbn, copyId: event.copyId, reservationId: event.reservationId, expiresAt: event.expiresAt },
    };
  }
}
