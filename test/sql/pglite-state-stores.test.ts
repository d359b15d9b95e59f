import { afterAll, beforeAll, describe } from 'vitest';
import { SqlCalendars } from '../../src/infrastructure/sql/SqlCalendars.js';
import { SqlCredentialStore } from '../../src/infrastructure/sql/SqlCredentialStore.js';
import { SqlIdempotencyStore } from '../../src/infrastructure/sql/SqlIdempotencyStore.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { calendarRepositoryContract, credentialStoreContract, idempotencyStoreContract } from '../contract/stateStoresContract.js';
import { emptied } from '../support/sql.js';

describe('the SQL state stores on PGlite', () => {
  let store: SqlStore;
  beforeAll(async () => {
    store = SqlStore.pglite();
    await store.ready();
  });
  afterAll(async () => {
    await store.close();
  });

  credentialStoreContract('SqlCredentialStore on PGlite', async () => new SqlCredentialStore(await emptied(store)));
  idempotencyStoreContract('SqlIdempotencyStore on PGlite', async () => new SqlIdempotencyStore(await emptied(store)));
  calendarRepositoryContract('SqlCalendars on PGlite', async (fallback) => new SqlCalendars(await emptied(store), fallback, new FixedClock(MONDAY_MORNING)));
});
