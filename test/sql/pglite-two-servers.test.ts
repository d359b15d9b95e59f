import { afterAll, beforeAll } from 'vitest';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { twoServersSpec } from './twoServersSpec.js';

// PGlite belongs to one process: the two servers share its store, as two servers in one process would.
let store: SqlStore;
beforeAll(async () => {
  store = SqlStore.pglite();
  await store.ready();
});
afterAll(async () => {
  await store.close();
});

twoServersSpec('two servers on one PGlite database', () => store, () => [store, store]);
