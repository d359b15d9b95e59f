import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeContext, NoticeObserver } from './NoticeObserver.js';

/** A hold nobody collected expires; its member hears so (the next member gets their own ready notice). */
export class NotifyMemberOnPickupExpired implements NoticeObserver<'reservation.expired'> {
  readonly listensTo = 'reservation.expired' as const;

  async noticeFor(event: EventOf<'reservation.expired'>, context: NoticeContext): Promise<Notice> {
    const title = await context.titleOf(event.isbn);
    return {
      kind: 'pickup-expired',
      memberId: event.memberId,
      subject: `Your hold on "${title}" has expired`,
      body: `Copy ${event.barcode} of "${title}" was not collected in time and has passed to the next member. Reserve it again if you still want it.`,
      idempotencyKey: `pickup-expired:${event.reservationId}`,
      data: { isbn: event.isbn, barcode: event.barcode, reservationId: event.reservationId },
    };
  }
}
