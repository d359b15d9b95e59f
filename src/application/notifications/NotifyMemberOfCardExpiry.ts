import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeObserver, TriggerOf } from './NoticeObserver.js';
import { calendarDay } from './wording.js';

/** A member's card expires soon (the policy's `cardExpiryNoticeDays` ahead): once per expiry, so they can renew it. */
export class NotifyMemberOfCardExpiry implements NoticeObserver<'member.card-expiring'> {
  readonly listensTo = 'member.card-expiring' as const;

  noticeFor(trigger: TriggerOf<'member.card-expiring'>): Promise<Notice> {
    const when = trigger.daysLeft <= 1 ? 'tomorrow' : `in ${trigger.daysLeft} days`;
    return Promise.resolve({
      kind: 'card-expiring',
      memberId: trigger.memberId,
      subject: `Your library card expires ${when}`,
      body: `Your library card expires on ${calendarDay(trigger.expiresAt)}. Renew it at the counter to keep borrowing, renewing and reserving.`,
      idempotencyKey: `card-expiring:${trigger.memberId}:${trigger.expiresAt}`,
      data: { expiresAt: trigger.expiresAt, daysLeft: trigger.daysLeft },
    });
  }
}
