import { inject, injectable } from 'inversify';
import type { DomainEventName } from '../../domain/shared/DomainEvent.js';
import { EventBus } from '../EventBus.js';
import type { Notifier } from '../ports/Notifier.js';
import { TOKENS } from '../tokens.js';
import type { NoticeObserver } from './NoticeObserver.js';
import { NotifyMemberOnClaimExpired } from './NotifyMemberOnClaimExpired.js';
import { NotifyMemberOnDigitalLoanExpired } from './NotifyMemberOnDigitalLoanExpired.js';
import { NotifyMemberOnFineAssessed } from './NotifyMemberOnFineAssessed.js';
import { NotifyMemberOnLicenseOffered } from './NotifyMemberOnLicenseOffered.js';
import { NotifyMemberOnReservationReady } from './NotifyMemberOnReservationReady.js';

/**
 * The Observer of seed 003: subscribes one class per reaction to the event bus. Notices go out
 * asynchronously, after the state change committed, so a slow channel never slows the counter.
 */
@injectable()
export class NotificationService {
  private readonly observers: NoticeObserver[];
  private unsubscribers: (() => void)[] = [];

  constructor(
    @inject(EventBus) private readonly bus: EventBus,
    @inject(TOKENS.Notifier) notifier: Notifier,
  ) {
    this.observers = [
      new NotifyMemberOnReservationReady(notifier),
      new NotifyMemberOnFineAssessed(notifier),
      new NotifyMemberOnLicenseOffered(notifier),
      new NotifyMemberOnClaimExpired(notifier),
      new NotifyMemberOnDigitalLoanExpired(notifier),
    ] as NoticeObserver[];
  }

  start(): void {
    if (this.unsubscribers.length > 0) return;
    this.unsubscribers = this.observers.map((o) => this.bus.on(o.listensTo, (event) => o.handle(event as never)));
  }

  stop(): void {
    for (const off of this.unsubscribers) off();
    this.unsubscribers = [];
  }

  listensTo(): DomainEventName[] {
    return this.observers.map((o) => o.listensTo);
  }
}
