import { StoreError } from '../../application/StoreError.js';

interface Row<P> {
  readonly version: number;
  readonly data: P;
}

type IndexFn<P> = (data: P) => readonly string[];

/**
 * A committed table of primitives with optimistic versions and secondary indexes.
 * Rows are deep-copied in and out, so no caller can mutate committed state.
 */
export class MemoryTable<P> {
  private readonly rows = new Map<string, Row<P>>();
  private readonly indexes = new Map<string, { fn: IndexFn<P>; map: Map<string, Set<string>> }>();

  constructor(
    readonly name: string,
    indexes: Readonly<Record<string, IndexFn<P>>> = {},
    /** Indexes no two rows may share a key of: a write that would is a lost race (as the SQL store's unique index). */
    private readonly unique: readonly string[] = [],
  ) {
    for (const [indexName, fn] of Object.entries(indexes)) this.indexes.set(indexName, { fn, map: new Map() });
  }

  read(id: string): Row<P> | undefined {
    const row = this.rows.get(id);
    return row && { version: row.version, data: structuredClone(row.data) };
  }

  lookup(indexName: string, key: string): string[] {
    const index = this.indexes.get(indexName);
    if (!index) throw new Error(`table ${this.name} has no index ${indexName}`);
    return [...(index.map.get(key) ?? [])];
  }

  /** The ids under `key` in a secondary index, read in place (no copy): for reads that stop early. */
  scan(indexName: string, key: string): Iterable<string> {
    const index = this.indexes.get(indexName);
    if (!index) throw new Error(`table ${this.name} has no index ${indexName}`);
    return index.map.get(key) ?? [];
  }

  ids(): IterableIterator<string> {
    return this.rows.keys();
  }

  /** Throws CONCURRENT_MODIFICATION unless the row is still at `expectedVersion` (0: must not exist). */
  check(id: string, expectedVersion: number): void {
    const current = this.rows.get(id)?.version ?? 0;
    if (current !== expectedVersion) {
      throw new StoreError('CONCURRENT_MODIFICATION', `${this.name} ${id} was changed by someone else`, {
        table: this.name,
        id,
        expected: expectedVersion,
        actual: current,
      });
    }
  }

  /** Throws CONCURRENT_MODIFICATION when another row already holds one of this row's keys in a unique index. */
  checkUnique(id: string, data: P | null): void {
    if (data === null) return;
    for (const name of this.unique) {
      const index = this.indexes.get(name);
      if (!index) throw new Error(`table ${this.name} has no index ${name}`);
      for (const key of index.fn(data)) {
        if ([...(index.map.get(key) ?? [])].some((other) => other !== id)) {
          throw new StoreError('CONCURRENT_MODIFICATION', `${this.name} ${id}: another row holds ${name} ${key}`, { table: this.name, id, index: name });
        }
      }
    }
  }

  /** Applies a checked write; callers check every write of a transaction before applying any. */
  apply(id: string, data: P | null): void {
    const previous = this.rows.get(id);
    if (previous) this.unindex(id, previous.data);
    if (data === null) {
      this.rows.delete(id);
      return;
    }
    this.rows.set(id, { version: (previous?.version ?? 0) + 1, data: structuredClone(data) });
    for (const index of this.indexes.values()) {
      for (const key of index.fn(data)) {
        let ids = index.map.get(key);
        if (!ids) index.map.set(key, (ids = new Set()));
        ids.add(id);
      }
    }
  }

  private unindex(id: string, data: P): void {
    for (const index of this.indexes.values()) {
      for (const key of index.fn(data)) {
        const ids = index.map.get(key);
        ids?.delete(id);
        if (ids?.size === 0) index.map.delete(key);
      }
    }
  }
}

/** Sorts in place by a string key, in code-unit order (the order the SQL store's `COLLATE "C"` gives). */
export function sortBy<T>(values: T[], key: (v: T) => string): T[] {
  return values.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
