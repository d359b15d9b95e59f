import type { Store } from '../application/ports/Store.js';
import { InMemoryStore } from '../infrastructure/memory/InMemoryStore.js';
import { SqlStore } from '../infrastructure/sql/SqlStore.js';

/**
 * Where a Library keeps its state:
 * - nothing: a fresh in-memory store;
 * - `{ postgres: 'postgres://…' }`: a PostgreSQL server (a `pg` pool of `poolSize` connections, default 10);
 * - `{ pglite: './data' }`: embedded PostgreSQL persisted to a directory; `{ pglite: null }` keeps it in memory;
 * - any `Store` instance.
 * SQL stores connect and migrate on the first transaction; call `SqlStore.ready()` to do it up front.
 */
export type StoreChoice = Store | { readonly postgres: string; readonly poolSize?: number } | { readonly pglite: string | null };

export function openStore(choice: StoreChoice | undefined): Store {
  if (choice === undefined) return new InMemoryStore();
  if ('transaction' in choice) return choice;
  if ('postgres' in choice) return SqlStore.postgres(choice.postgres, choice.poolSize === undefined ? {} : { poolSize: choice.poolSize });
  return SqlStore.pglite(choice.pglite ?? undefined);
}
