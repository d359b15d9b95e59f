import { inject, injectable } from 'inversify';
import type { CirculationPolicy } from '../../domain/policy/CirculationPolicy.js';
import type { Clock } from '../../domain/shared/Clock.js';
import type { IdGenerator } from '../ports/IdGenerator.js';
import type { Delivery, Notice } from '../ports/NoticeChannel.js';
import type { Transaction } from '../ports/Store.js';
import { TOKENS } from '../tokens.js';
import { ChannelFactory } from './ChannelFactory.js';
import type { NoticeContext, NoticeObserver, NoticeTrigger, NoticeTriggerName } from './NoticeObserver.js';
import { NotifyMemberOfCardExpiry } from './NotifyMemberOfCardExpiry.js';
import { NotifyMemberOfOverdueLoan } from './NotifyMemberOfOverdueLoan.js';
import { NotifyMemberOnBlocked } from './NotifyMemberOnBlocked.js';
import { NotifyMemberOnClaimExpired } from './NotifyMemberOnClaimExpired.js';
import { NotifyMemberOnDigitalLoanExpired } from './NotifyMemberOnDigitalLoanExpired.js';
import { NotifyMemberOnFineAssessed } from './NotifyMemberOnFineAssessed.js';
import { NotifyMemberOnLicenseOffered } from './NotifyMemberOnLicenseOffered.js';
import { NotifyMemberOnHoldLapsed } from './NotifyMemberOnHoldLapsed.js';
import { NotifyMemberOnPickupExpired } from './NotifyMemberOnPickupExpired.js';
import { NotifyMemberOnReservationReady } from './NotifyMemberOnReservationReady.js';
import { RemindMemberOfDueDate } from './RemindMemberOfDueDate.js';
import { SendCheckoutReceipt } from './SendCheckoutReceipt.js';

/**
 * Observers made durable through the outbox: each observer turns a trigger into a
 * notice, and `queue` writes one outbox message per notice and channel inside the transaction that
 * caused it. Nothing is sent here: the dispatcher delivers after the commit, so a slow or failing
 * channel never slows or fails the counter, and a crash after the commit loses nothing.
 */
@injectable()
export class NotificationService {
  private readonly observers: readonly NoticeObserver[];

  constructor(
    @inject(ChannelFactory) private readonly channels: ChannelFactory,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) policy: CirculationPolicy,
  ) {
    this.observers = [...NotificationService.OBSERVERS, ...(policy.checkoutReceipts ? [new SendCheckoutReceipt()] : [])];
  }

  /** The observers every library has; the checkout receipt joins them when the policy asks for it. */
  private static readonly OBSERVERS: readonly NoticeObserver[] = [
    new NotifyMemberOnReservationReady(),
    new NotifyMemberOnPickupExpired(),
    new NotifyMemberOnHoldLapsed(),
    new RemindMemberOfDueDate(),
    new NotifyMemberOfOverdueLoan(),
    new NotifyMemberOnFineAssessed(),
    new NotifyMemberOnBlocked(),
    new NotifyMemberOnLicenseOffered(),
    new NotifyMemberOnClaimExpired(),
    new NotifyMemberOnDigitalLoanExpired(),
    new NotifyMemberOfCardExpiry(),
  ];

  listensTo(): NoticeTriggerName[] {
    return this.observers.map((o) => o.listensTo);
  }

  /**
   * Writes the notices these triggers call for to the transaction's outbox; returns how many messages were queued.
   * With `skipQueuedBefore` (the jobs, which may find the same reminder due on every run), a message whose key the
   * outbox already holds is neither written nor counted; a use case's own notices are new by their keys, so its
   * commit does without that read.
   */
  async queue(tx: Transaction, triggers: readonly NoticeTrigger[], options: { readonly skipQueuedBefore?: boolean } = {}): Promise<number> {
    const context: NoticeContext = { titleOf: async (isbn) => (await tx.books.get(isbn))?.title ?? isbn };
    const now = this.clock.now().toISOString();
    let queued = 0;
    for (const trigger of triggers) {
      for (const observer of this.observers) {
        if (observer.listensTo !== trigger.name) continue;
        const notice = await observer.noticeFor(trigger, context);
        if (notice) queued += await this.queueNotice(tx, notice, now, options.skipQueuedBefore === true);
      }
    }
    return queued;
  }

  private async queueNotice(tx: Transaction, notice: Notice, now: string, skipQueuedBefore: boolean): Promise<number> {
    const member = await tx.members.get(notice.memberId);
    if (!member) return 0; // the member left the library: nobody to tell
    let queued = 0;
    for (const { medium, to } of this.channels.routesFor(member)) {
      const delivery: Delivery = { medium, to, idempotencyKey: `${notice.idempotencyKey}|${medium}`, notice };
      if (skipQueuedBefore && (await tx.outbox.holds(delivery.idempotencyKey))) continue;
      queued++;
      await tx.outbox.enqueue({
        id: this.ids.next('notice'),
        idempotencyKey: delivery.idempotencyKey,
        kind: notice.kind,
        memberId: notice.memberId,
        payload: { ...delivery },
        createdAt: now,
      });
    }
    return queued;
  }
}
