import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeObserver } from './NoticeObserver.js';

/** A blocked member hears why, since they can no longer borrow, renew or reserve. */
export class NotifyMemberOnBlocked implements NoticeObserver<'member.blocked'> {
  readonly listensTo = 'member.blocked' as const;

  noticeFor(event: EventOf<'member.blocked'>): Promise<Notice> {
    return Promise.resolve({
      kind: 'member-blocked',
      memberId: event.memberId,
      subject: 'Your library account is blocked',
      body: `You cannot borrow, renew or reserve until a librarian unblocks your account. Reason: ${event.reason}`,
      idempotencyKey: `member-blocked:${event.memberId}:${event.occurredAt}`,
      data: { reason: event.reason },
    });
  }
}
