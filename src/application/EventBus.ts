import { EventEmitter } from 'eventemitter3';
import type { DomainEvent, DomainEventName, EventOf } from '../domain/shared/DomainEvent.js';

export type EventHandler<N extends DomainEventName> = (event: EventOf<N>) => void | Promise<void>;
export type AnyEventHandler = (event: DomainEvent) => void | Promise<void>;

export interface HandlerFailure {
  readonly event: DomainEvent;
  readonly error: unknown;
}

const ANY = '*';
type Listener = (event: DomainEvent) => void;

/**
 * Publishes committed domain events to observers, routed by the event's stable name through
 * eventemitter3. Each handler runs in its own microtask: `publish` never waits for handlers, so a
 * slow or failing observer never slows or fails the command that caused the event. A failure is
 * kept (and reported to `onFailure` listeners) instead of becoming an unhandled rejection;
 * `idle()` awaits every handler started so far (for tests and orderly shutdown).
 */
export class EventBus {
  private readonly emitter = new EventEmitter<Record<string, Listener>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly failureListeners = new Set<(failure: HandlerFailure) => void>();
  private readonly failuresSeen: HandlerFailure[] = [];

  on<N extends DomainEventName>(name: N, handler: EventHandler<N>): () => void {
    return this.subscribe(name, handler as AnyEventHandler);
  }

  onAny(handler: AnyEventHandler): () => void {
    return this.subscribe(ANY, handler);
  }

  onFailure(listener: (failure: HandlerFailure) => void): () => void {
    this.failureListeners.add(listener);
    return () => {
      this.failureListeners.delete(listener);
    };
  }

  publish(events: readonly DomainEvent[]): void {
    for (const event of events) {
      this.emitter.emit(event.name, event);
      this.emitter.emit(ANY, event);
    }
  }

  /** Resolves when every handler started so far (and any they started) has settled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  failures(): readonly HandlerFailure[] {
    return [...this.failuresSeen];
  }

  private subscribe(name: string, handler: AnyEventHandler): () => void {
    const listener: Listener = (event) => {
      this.dispatch(handler, event);
    };
    this.emitter.on(name, listener);
    return () => {
      this.emitter.off(name, listener);
    };
  }

  private dispatch(handler: AnyEventHandler, event: DomainEvent): void {
    const run = Promise.resolve()
      .then(() => handler(event))
      .catch((error: unknown) => {
        const failure = { event, error };
        this.failuresSeen.push(failure);
        if (this.failuresSeen.length > 1000) this.failuresSeen.shift();
        for (const listener of this.failureListeners) listener(failure);
      })
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }
}
