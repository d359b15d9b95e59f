import { afterAll, beforeAll, describe } from 'vitest';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { cardsContract } from '../contract/cardsContract.js';
import { historyContract } from '../contract/historyContract.js';
import { reportsContract } from '../contract/reportsContract.js';
import { storeContract } from '../contract/storeContract.js';
import { holdsContract } from '../contract/holdsContract.js';
import { emptied, lent, postgresServer, scratchDatabase } from '../support/sql.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { searchIndexSpec } from './searchIndexSpec.js';
import { catalogueRecordContract } from '../contract/catalogueRecordContract.js';
import { recordSearchContract } from '../contract/recordSearchContract.js';
import { materialTypeRulesContract } from '../contract/materialTypeRulesContract.js';
import { Library } from '../../src/Library.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

describe.skipIf(server === null)('SqlStore on a PostgreSQL server', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let store: SqlStore;
  beforeAll(async () => {
    database = await scratchDatabase(server!, 'contract');
    store = SqlStore.postgres(database.url, { poolSize: 4 });
    await store.ready();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  storeContract('SqlStore on PostgreSQL', { fresh: () => emptied(store) });
  holdsContract('SqlStore on PostgreSQL', { fresh: () => emptied(store) });
  catalogueRecordContract('SqlStore on PostgreSQL', { fresh: () => emptied(store) });
  historyContract('SqlStore on PostgreSQL', { fresh: () => emptied(store) });
  cardsContract('SqlStore on PostgreSQL', { fresh: () => emptied(store) });
  reportsContract('SqlStore on PostgreSQL', { fresh: () => emptied(store) });
  materialTypeRulesContract('SqlStore on PostgreSQL', { fresh: () => emptied(store) });
  searchIndexSpec('PostgresSearchIndex on PostgreSQL', () => emptied(store));
  for (const searchEngine of ['in-process', 'postgres'] as const) {
    recordSearchContract(`SqlStore on PostgreSQL, ${searchEngine} search`, {
      open: async () => Library.create({ store: lent(await emptied(store)), clock: new FixedClock(MONDAY_MORNING), searchEngine }),
    });
  }
});
