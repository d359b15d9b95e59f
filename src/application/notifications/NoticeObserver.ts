import type { DomainEventName, EventOf } from '../../domain/shared/DomainEvent.js';

/** One reaction to one kind of event. Observers declare what they listen to; the service wires them. */
export interface NoticeObserver<N extends DomainEventName = DomainEventName> {
  readonly listensTo: N;
  handle(event: EventOf<N>): Promise<void>;
}
