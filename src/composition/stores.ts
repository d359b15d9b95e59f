import type { SearchIndex } from '../application/ports/SearchIndex.js';
import type { Store } from '../application/ports/Store.js';
import { InMemoryStore } from '../infrastructure/memory/InMemoryStore.js';
import { PostgresSearchIndex } from '../infrastructure/sql/PostgresSearchIndex.js';
import { SqlStore } from '../infrastructure/sql/SqlStore.js';
import { InvertedIndexSearch } from '../infrastructure/search/InvertedIndexSearch.js';

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

/**
 * The search index a Library answers `catalog.search()` from: the one given; with a SQL store,
 * PostgreSQL full text next to the data (persisted and shared by every process on the database);
 * otherwise the in-process inverted index.
 */
export function openSearchIndex(store: Store, choice: SearchIndex | undefined): SearchIndex {
  if (choice) return choice;
  return store instanceof SqlStore ? new PostgresSearchIndex(store) : new InvertedIndexSearch();
}
