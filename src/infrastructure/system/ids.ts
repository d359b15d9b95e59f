import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../../application/ports/IdGenerator.js';

/** Random UUID-based ids, for production. */
export class UuidGenerator implements IdGenerator {
  next(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }
}

/** `loan-000001`, `loan-000002`, …: readable and reproducible, for tests and demos. */
export class SequentialIdGenerator implements IdGenerator {
  private readonly counters = new Map<string, number>();
  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(6, '0')}`;
  }
}
