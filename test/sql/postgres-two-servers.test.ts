import { afterAll, beforeAll, describe } from 'vitest';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { postgresServer, scratchDatabase } from '../support/sql.js';
import { twoServersSpec } from './twoServersSpec.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

describe.skipIf(server === null)('on a PostgreSQL server', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let setup: SqlStore;
  const opened: SqlStore[] = [];
  beforeAll(async () => {
    database = await scratchDatabase(server!, 'two_servers');
    setup = SqlStore.postgres(database.url, { poolSize: 2 });
    await setup.ready();
  });
  afterAll(async () => {
    for (const store of [setup, ...opened]) await store.close();
    await database.drop();
  });

  /** Each server its own pool on the database, as two processes would have. */
  const pool = (): SqlStore => {
    const store = SqlStore.postgres(database.url, { poolSize: 3 });
    opened.push(store);
    return store;
  };
  twoServersSpec('two servers, each with its own pool, on one PostgreSQL database', () => setup, () => [pool(), pool()]);
});
