import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeContext, NoticeObserver, TriggerOf } from './NoticeObserver.js';
import { calendarDay } from './wording.js';

/** The overdue notice: the day after the due date, then at the policy's interval while the loan stays open. */
export class NotifyMemberOfOverdueLoan implements NoticeObserver<'loan.overdue'> {
  readonly listensTo = 'loan.overdue' as const;

  async noticeFor(reminder: TriggerOf<'loan.overdue'>, context: NoticeContext): Promise<Notice> {
    const title = await context.titleOf(reminder.isbn);
    const days = reminder.daysOverdue === 1 ? '1 day' : `${reminder.daysOverdue} days`;
    return {
      kind: 'overdue',
      memberId: reminder.memberId,
      subject: `"${title}" is overdue`,
      body: `Your loan of "${title}" (copy ${reminder.barcode}) was due on ${calendarDay(reminder.dueAt)} and is ${days} overdue. Please return it; a fine is charged on return.`,
      idempotencyKey: `reminder:${reminder.loanId}:${calendarDay(reminder.dueAt)}:${reminder.slot}`,
      data: { loanId: reminder.loanId, barcode: reminder.barcode, isbn: reminder.isbn, dueAt: reminder.dueAt, daysOverdue: reminder.daysOverdue },
    };
  }
}
