import type { Notice } from '../ports/NoticeChannel.js';
import type { NoticeContext, NoticeObserver, TriggerOf } from './NoticeObserver.js';
import { calendarDay } from './wording.js';

/** Due-date reminders, days before and on the due date, on the policy's schedule. */
export class RemindMemberOfDueDate implements NoticeObserver<'loan.due-soon'> {
  readonly listensTo = 'loan.due-soon' as const;

  async noticeFor(reminder: TriggerOf<'loan.due-soon'>, context: NoticeContext): Promise<Notice> {
    const title = await context.titleOf(reminder.isbn);
    const when = reminder.daysLeft === 0 ? 'today' : reminder.daysLeft === 1 ? 'tomorrow' : `in ${reminder.daysLeft} days`;
    return {
      kind: reminder.daysLeft === 0 ? 'due-today' : 'due-soon',
      memberId: reminder.memberId,
      subject: `"${title}" is due ${when}`,
      body: `Your loan of "${title}" (copy ${reminder.barcode}) is due ${when}, on ${calendarDay(reminder.dueAt)}. Renew it or bring it back to avoid a fine.`,
      idempotencyKey: `reminder:${reminder.loanId}:${calendarDay(reminder.dueAt)}:${reminder.slot}`,
      data: { loanId: reminder.loanId, barcode: reminder.barcode, isbn: reminder.isbn, dueAt: reminder.dueAt, daysLeft: reminder.daysLeft },
    };
  }
}
