import type { DomainEvent } from './DomainEvent.js';

/**
 * Aggregates record the events of their state changes; application services publish them after the
 * aggregate is saved. `version` is the optimistic-concurrency token the store compares on save.
 */
export abstract class AggregateRoot {
  private recorded: DomainEvent[] = [];

  protected constructor(readonly version: number) {}

  protected record(event: DomainEvent): void {
    this.recorded.push(event);
  }

  pullEvents(): DomainEvent[] {
    const events = this.recorded;
    this.recorded = [];
    return events;
  }

  hasPendingEvents(): boolean {
    return this.recorded.length > 0;
  }
}
