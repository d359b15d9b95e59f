import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeContext, NoticeObserver } from './NoticeObserver.js';

/** A hold still unfilled at the member's "not needed after" lapses; the member hears it is gone. */
export class NotifyMemberOnHoldLapsed implements NoticeObserver<'reservation.lapsed'> {
  readonly listensTo = 'reservation.lapsed' as const;

  async noticeFor(event: EventOf<'reservation.lapsed'>, context: NoticeContext): Promise<Notice> {
    const title = await context.titleOf(event.isbn);
    return {
      kind: 'hold-lapsed',
      memberId: event.memberId,
      subject: `Your hold on "${title}" has lapsed`,
      body: `No copy of "${title}" came for you before ${event.notNeededAfter.slice(0, 10)}, the date after which you said you would not need it, so the hold has ended. Reserve it again if you still want it.`,
      idempotencyKey: `hold-lapsed:${event.reservationId}`,
      data: { isbn: event.isbn, reservationId: event.reservationId, notNeededAfter: event.notNeededAfter },
    };
  }
}
