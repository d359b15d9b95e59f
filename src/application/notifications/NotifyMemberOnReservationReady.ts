import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeContext, NoticeObserver } from './NoticeObserver.js';

/** A returned copy waits on the hold shelf: the head of the queue hears that a copy waits for them, and until when. */
export class NotifyMemberOnReservationReady implements NoticeObserver<'reservation.ready-for-pickup'> {
  readonly listensTo = 'reservation.ready-for-pickup' as const;

  async noticeFor(event: EventOf<'reservation.ready-for-pickup'>, context: NoticeContext): Promise<Notice> {
    const title = await context.titleOf(event.isbn);
    const deadline = event.expiresAt === null ? 'until you collect it' : `until ${event.expiresAt}`;
    return {
      kind: 'reservation-ready',
      memberId: event.memberId,
      subject: `"${title}" is ready for pickup`,
      body: `Copy ${event.barcode} of "${title}" is on the hold shelf for you ${deadline}.`,
      idempotencyKey: `reservation-ready:${event.reservationId}:${event.barcode}:${event.occurredAt}`,
      data: { isbn: event.isbn, barcode: event.barcode, reservationId: event.reservationId, expiresAt: event.expiresAt },
    };
  }
}
