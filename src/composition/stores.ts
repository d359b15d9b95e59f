import type { CatalogueFeed } from '../application/ports/CatalogueFeed.js';
import type { JobLock } from '../application/ports/JobLock.js';
import type { SearchIndex } from '../application/ports/SearchIndex.js';
import type { Store } from '../application/ports/Store.js';
import type { Clock } from '../domain/shared/Clock.js';
import { InMemoryJobLock } from '../infrastructure/memory/InMemoryJobLock.js';
import { InMemoryStore } from '../infrastructure/memory/InMemoryStore.js';
import { PostgresSearchIndex } from '../infrastructure/sql/PostgresSearchIndex.js';
import { SqlCatalogueFeed, type CatalogueFeedOptions } from '../infrastructure/sql/SqlCatalogueFeed.js';
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

/** Which engine answers `catalog.search()` with a SQL store: the in-process index (default), or PostgreSQL full text. */
export const SEARCH_ENGINES = ['in-process', 'postgres'] as const;
export type SearchEngine = (typeof SEARCH_ENGINES)[number];

export interface SearchChoice {
  /** An index of the caller's own; without it, the engine below. */
  readonly index?: SearchIndex | undefined;
  /** With a SQL store: `in-process` (default) or `postgres`. Without one, always the in-process index. */
  readonly engine?: SearchEngine | undefined;
  /** How the in-process index follows a SQL store's changes. */
  readonly feed?: CatalogueFeedOptions | undefined;
}

/**
 * The search index a Library answers `catalog.search()` from, and where that index hears of changes:
 * - with a SQL store and the in-process engine (the default), an inverted index in this process, built from the
 *   database at the first search and kept current through the database's change log, whichever process wrote;
 * - with a SQL store and the `postgres` engine, PostgreSQL full text next to the data (no feed: it is the data);
 * - otherwise the in-process index, fed by this process's own events.
 * An index given is fed the same way when it keeps its own counts.
 */
export function openSearchIndex(store: Store, choice: SearchChoice, clock: Clock): { readonly index: SearchIndex; readonly feed: CatalogueFeed | null } {
  const sql = store instanceof SqlStore;
  if (sql && choice.index === undefined && choice.engine === 'postgres') {
    // The documents of titles catalogued while the in-process engine answered are written before the first transaction.
    store.onReady(async (session) => {
      await PostgresSearchIndex.levelWithBooks(session);
    });
    return { index: new PostgresSearchIndex(store, clock), feed: null };
  }
  const index: SearchIndex = choice.index ?? new InvertedIndexSearch();
  const feed = sql && index.setAvailability !== undefined ? new SqlCatalogueFeed(store, choice.feed) : null;
  return { index, feed };
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
