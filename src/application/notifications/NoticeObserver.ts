import type { LoanReminder } from '../../domain/lending/Reminders.js';
import type { CardExpiring } from '../../domain/members/CardExpiry.js';
import type { DomainEvent } from '../../domain/shared/DomainEvent.js';
import type { Notice } from '../ports/NoticeChannel.js';

/** What a notice can react to: a committed domain event, or a reminder the scheduler found due. */
export type NoticeTrigger = DomainEvent | LoanReminder | CardExpiring;
export type NoticeTriggerName = NoticeTrigger['name'];
export type TriggerOf<N extends NoticeTriggerName> = Extract<NoticeTrigger, { name: N }>;

/** Read access an observer may need to word its notice, inside the transaction that queues it. */
export interface NoticeContext {
  titleOf(isbn: string): Promise<string>;
}

/**
 * One reaction to one kind of trigger (an Observer): it turns the trigger into the notice
 * for one member, or null. It never sends anything itself: the notice is written to the outbox in
 * the same commit as the state change, and the dispatcher delivers it later.
 */
export interface NoticeObserver<N extends NoticeTriggerName = NoticeTriggerName> {
  readonly listensTo: N;
  noticeFor(trigger: TriggerOf<N>, context: NoticeContext): Promise<Notice | null>;
}
