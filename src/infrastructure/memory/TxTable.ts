import type { AggregateRoot } from '../../domain/shared/AggregateRoot.js';
import type { DomainEvent } from '../../domain/shared/DomainEvent.js';
import type { MemoryTable } from './MemoryTable.js';

export interface Mapper<A, P> {
  readonly id: (aggregate: A) => string;
  readonly toPrimitives: (aggregate: A) => P;
  readonly fromPrimitives: (p: P, version: number) => A;
}

/** One transaction's view of a table: reads see its own pending writes; writes wait for commit. */
export class TxTable<A extends AggregateRoot, P> {
  private readonly pending = new Map<string, { expected: number; data: P | null }>();

  constructor(
    private readonly table: MemoryTable<P>,
    private readonly mapper: Mapper<A, P>,
    private readonly events: DomainEvent[],
  ) {}

  get(id: string): A | null {
    const mine = this.pending.get(id);
    if (mine) return mine.data === null ? null : this.mapper.fromPrimitives(structuredClone(mine.data), mine.expected);
    const row = this.table.read(id);
    return row ? this.mapper.fromPrimitives(row.data, row.version) : null;
  }

  save(aggregate: A): Promise<void> {
    this.write(aggregate, this.mapper.toPrimitives(aggregate));
    return Promise.resolve();
  }

  delete(aggregate: A): Promise<void> {
    this.write(aggregate, null);
    return Promise.resolve();
  }

  /** Rows whose secondary index `indexName` has `key`, committed or pending. */
  query(indexName: string, key: string, keysOf: (p: P) => readonly string[]): A[] {
    const ids = new Set(this.table.lookup(indexName, key).filter((id) => !this.pending.has(id)));
    for (const [id, { data }] of this.pending) if (data !== null && keysOf(data).includes(key)) ids.add(id);
    return [...ids].map((id) => this.get(id)).filter((a): a is A => a !== null);
  }

  /** The rows after id `after` (null: from the first), in code-unit order of their ids, at most `limit`. */
  pageAfter(after: string | null, limit: number): A[] {
    const ids = new Set<string>();
    for (const id of this.table.ids()) if (after === null || id > after) ids.add(id);
    for (const [id, { data }] of this.pending) {
      if (after !== null && id <= after) continue;
      if (data === null) ids.delete(id);
      else ids.add(id);
    }
    return [...ids]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map((id) => this.get(id))
      .filter((a): a is A => a !== null);
  }

  /** The matching row with the smallest id, committed or pending, loading only that one. */
  first(indexName: string, key: string, keysOf: (p: P) => readonly string[]): A | null {
    const committed = this.table.lookup(indexName, key).filter((id) => !this.pending.has(id));
    const pending = [...this.pending].filter(([, { data }]) => data !== null && keysOf(data).includes(key)).map(([id]) => id);
    const best = [...committed, ...pending].reduce<string | null>((min, id) => (min === null || id < min ? id : min), null);
    return best === null ? null : this.get(best);
  }

  /** How many rows, committed or pending, other than `except`, have `key` in the index: counted up to `atMost`. */
  count(indexName: string, key: string, keysOf: (p: P) => readonly string[], atMost: number, except?: string): number {
    let n = 0;
    for (const id of this.table.scan(indexName, key)) {
      if (n >= atMost) return n;
      if (id !== except && !this.pending.has(id)) n++;
    }
    for (const [id, { data }] of this.pending) {
      if (n >= atMost) return n;
      if (id !== except && data !== null && keysOf(data).includes(key)) n++;
    }
    return n;
  }

  /** Step 1 of commit: every pending write must still be based on the committed version. */
  checkAll(): void {
    for (const [id, { expected, data }] of this.pending) {
      this.table.check(id, expected);
      this.table.checkUnique(id, data);
    }
  }

  /** Step 2 of commit, only after every table passed `checkAll`. */
  applyAll(): void {
    for (const [id, { data }] of this.pending) this.table.apply(id, data);
  }

  private write(aggregate: A, data: P | null): void {
    const id = this.mapper.id(aggregate);
    const expected = this.pending.get(id)?.expected ?? aggregate.version;
    this.pending.set(id, { expected, data });
    this.events.push(...aggregate.pullEvents());
  }
}
