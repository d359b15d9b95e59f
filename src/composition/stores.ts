import type { JobLock } from '../application/ports/JobLock.js';
import type { SearchIndex } from '../application/ports/SearchIndex.js';
import type { Store } from '../application/ports/Store.js';
import type { Clock } from '../domain/shared/Clock.js';
import { InMemoryJobLock } from '../infrastructure/memory/InMemoryJobLock.js';
import { InMemoryStore } from '../infrastructure/memory/InMemoryStore.js';
import { PostgresSearchIndex } from '../infrastructure/sql/PostgresSearchIndex.js';
import { SqlJobLock } from '../infrastructure/sql/SqlJobLock.js';
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
export function openSearchIndex(store: Store, choice: SearchIndex | undefined, clock: Clock): SearchIndex {
  if (choice) return choice;
  return store instanceof SqlStore ? new PostgresSearchIndex(store, clock) : new InvertedIndexSearch();
}

const jobLocks = new WeakMap<Store, JobLock>();

/**
 * The lock that lets one round of the jobs run at a time: on a SQL store, an advisory lock in the database (across
 * processes); otherwise one in this process. Libraries sharing a store share its lock.
 */
export function jobLockFor(store: Store): JobLock {
  let lock = jobLocks.get(store);
  if (!lock) {
    lock = store instanceof SqlStore ? new SqlJobLock(store.driver) : new InMemoryJobLock();
    jobLocks.set(store, lock);
  }
  return lock;
}
