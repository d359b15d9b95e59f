import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeContext, NoticeObserver } from './NoticeObserver.js';

/** The claim window closed unused: the member learns their hold ended and the license moved on. */
export class NotifyMemberOnClaimExpired implements NoticeObserver<'reservation.claim-expired'> {
  readonly listensTo = 'reservation.claim-expired' as const;

  async noticeFor(event: EventOf<'reservation.claim-expired'>, context: NoticeContext): Promise<Notice> {
    const title = await context.titleOf(event.isbn);
    return {
      kind: 'claim-expired',
      memberId: event.memberId,
      subject: 'Your e-book hold has expired',
      body: `The license for "${title}" was not borrowed in time and has passed to the next reader. You can place a new hold.`,
      idempotencyKey: `claim-expired:${event.reservationId}`,
      data: { isbn: event.isbn, copyId: event.copyId, reservationId: event.reservationId },
    };
  }
}
