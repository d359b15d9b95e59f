import { afterAll, beforeAll, describe } from 'vitest';
import { SqlCalendars } from '../../src/infrastructure/sql/SqlCalendars.js';
import { SqlCredentialStore } from '../../src/infrastructure/sql/SqlCredentialStore.js';
import { SqlIdempotencyStore } from '../../src/infrastructure/sql/SqlIdempotencyStore.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { calendarRepositoryContract, credentialStoreContract, idempotencyStoreContract } from '../contract/stateStoresContract.js';
import { emptied, postgresServer, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

describe.skipIf(server === null)('the SQL state stores on a PostgreSQL server', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let store: SqlStore;
  beforeAll(async () => {
    database = await scratchDatabase(server!, 'state_stores');
    store = SqlStore.postgres(database.url, { poolSize: 6 });
    await store.ready();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  // with a pool of six connections, the "at the same moment" cases race in the database for real
  credentialStoreContract('SqlCredentialStore on PostgreSQL', async () => new SqlCredentialStore(await emptied(store)));
  idempotencyStoreContract('SqlIdempotencyStore on PostgreSQL', async () => new SqlIdempotencyStore(await emptied(store)));
  calendarRepositoryContract('SqlCalendars on PostgreSQL', async (fallback) => new SqlCalendars(await emptied(store), fallback, new FixedClock(MONDAY_MORNING)));
});
